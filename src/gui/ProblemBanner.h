#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace marginwatch {

struct ApiFailure;

// What went wrong, in plain language, above the figures: the diagnosis, the technical details
// (code, HTTP status, endpoint, time) and, where trying again can help, a Retry button.
class ProblemBanner final : public QFrame
{
    Q_OBJECT
public:
    explicit ProblemBanner(QWidget* parent = nullptr);

    void showFailure(const ApiFailure& failure, bool canRetry);
    void showProblem(const QString& text, const QString& details, bool canRetry);
    void clear(); // hides the banner

Q_SIGNALS:
    void retryRequested();

private:
    QLabel* m_text = nullptr;
    QLabel* m_details = nullptr;
    QPushButton* m_retry = nullptr;
};

} // namespace marginwatch
