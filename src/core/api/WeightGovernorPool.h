#pragma once

#include "api/WeightGovernor.h"

#include <QHash>
#include <QString>
#include <QUrl>

#include <memory>

namespace marginwatch {

// One WeightGovernor per host (scheme, host and port of the base URL): every account polling that
// host gets the same one, whichever window or CLI run opened it.
class WeightGovernorPool
{
public:
    explicit WeightGovernorPool(int budgetPerWindow,
                                std::chrono::milliseconds window = std::chrono::minutes(1))
        : m_budget(budgetPerWindow)
        , m_window(window)
    {}

    static QString hostKey(const QUrl& baseUrl)
    {
        return baseUrl.scheme().toLower() + QStringLiteral("://") + baseUrl.host().toLower() + u':'
               + QString::number(baseUrl.port(
                   baseUrl.scheme().compare(QStringLiteral("http"), Qt::CaseInsensitive) == 0 ? 80 : 443));
    }

    std::shared_ptr<WeightGovernor> forHost(const QUrl& baseUrl)
    {
        std::shared_ptr<WeightGovernor>& governor = m_governors[hostKey(baseUrl)];
        if (!governor)
            governor = std::make_shared<WeightGovernor>(m_budget, m_window);
        return governor;
    }

    QList<std::shared_ptr<WeightGovernor>> governors() const { return m_governors.values(); }
    int budget() const { return m_budget; }

private:
    int m_budget;
    std::chrono::milliseconds m_window;
    QHash<QString, std::shared_ptr<WeightGovernor>> m_governors;
};

} // namespace marginwatch
