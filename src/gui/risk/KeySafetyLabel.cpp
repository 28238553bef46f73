#include "gui/risk/KeySafetyLabel.h"

using namespace Qt::StringLiterals;

namespace marginwatch {

namespace {

QString colourOf(KeyAssessment::Level level)
{
    switch (level) {
    case KeyAssessment::Level::Danger:
        return u"#c0392b"_s;
    case KeyAssessment::Level::Caution:
        return u"#d68910"_s;
    case KeyAssessment::Level::Safe:
        break;
    }
    return u"#1e8449"_s;
}

} // namespace

KeySafetyLabel::KeySafetyLabel(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(u"keySafety"_s);
    setTextFormat(Qt::RichText);
    clear();
}

void KeySafetyLabel::clear()
{
    m_checked = false;
    m_level = KeyAssessment::Level::Safe;
    setText(QString());
    setToolTip(QString());
    hide();
}

void KeySafetyLabel::showPermissions(const KeyPermissions& permissions)
{
    const KeyAssessment a = KeyPermissionAdvice::assess(permissions);
    m_checked = true;
    m_level = a.level;
    QString words;
    switch (a.level) {
    case KeyAssessment::Level::Danger:
        words = tr("Key can withdraw");
        break;
    case KeyAssessment::Level::Caution:
        words = tr("Key is not read-only");
        break;
    case KeyAssessment::Level::Safe:
        words = tr("Read-only key");
        break;
    }
    setText(u"<span style=\"color:%1\">●</span> %2"_s.arg(colourOf(a.level), words.toHtmlEscaped()));
    QString tip = u"<b>"_s + a.headline.toHtmlEscaped() + u"</b>"_s;
    for (const QString& line : a.advice)
        tip += u"<br>• "_s + line.toHtmlEscaped();
    setToolTip(tip);
    setAccessibleDescription(a.headline);
    show();
}

void KeySafetyLabel::showUnchecked(const QString& why)
{
    m_checked = false;
    setText(u"<span style=\"color:#808b96\">●</span> %1"_s.arg(tr("Key not checked").toHtmlEscaped()));
    setToolTip(why.toHtmlEscaped());
    show();
}

} // namespace marginwatch
