#pragma once

#include "api/KeyPermissions.h"

#include <QLabel>

namespace marginwatch {

struct ApiFailure;

// What the API key may do, at a glance in the status bar: a green, amber or red dot and a few words;
// the tool tip says what to change in Binance's API Management.
class KeySafetyLabel : public QLabel
{
    Q_OBJECT
public:
    explicit KeySafetyLabel(QWidget* parent = nullptr);

    void showPermissions(const KeyPermissions& permissions);
    void showUnchecked(const QString& why); // Demo Trading, or the check failed
    void clear();

    KeyAssessment::Level level() const { return m_level; }
    bool isChecked() const { return m_checked; }

private:
    KeyAssessment::Level m_level = KeyAssessment::Level::Safe;
    bool m_checked = false;
};

} // namespace marginwatch
