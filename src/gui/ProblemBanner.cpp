#include "gui/ProblemBanner.h"

#include "api/ApiFailure.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace marginwatch {

using namespace Qt::StringLiterals;

ProblemBanner::ProblemBanner(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(u"problemBanner"_s);
    setAccessibleName(tr("Problem"));
    setAccessibleDescription(tr("Why the figures are not updating, and what to do"));
    setStyleSheet(u"#problemBanner { background: #fff3e0; border: 1px solid #ef6c00; border-radius: 4px; } "
                  "QLabel { color: #4e2600; }"_s);
    m_text = new QLabel(this);
    m_text->setObjectName(u"problemText"_s);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setAccessibleDescription(tr("The problem"));
    QFont font = m_text->font();
    font.setBold(true);
    m_text->setFont(font);
    m_details = new QLabel(this);
    m_details->setObjectName(u"problemDetails"_s);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAccessibleDescription(tr("Technical details of the problem"));
    m_retry = new QPushButton(tr("&Retry now"), this);
    m_retry->setObjectName(u"retryButton"_s);
    m_retry->setToolTip(tr("Send one request now (F5)."));
    connect(m_retry, &QPushButton::clicked, this, &ProblemBanner::retryRequested);

    auto* texts = new QVBoxLayout;
    texts->addWidget(m_text);
    texts->addWidget(m_details);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(texts, 1);
    layout->addWidget(m_retry, 0, Qt::AlignVCenter);
    hide();
}

void ProblemBanner::showFailure(const ApiFailure& failure, bool canRetry)
{
    QStringList details;
    if (failure.binanceCode != 0)
        details << tr("code %1").arg(failure.binanceCode);
    if (failure.httpStatus != 0)
        details << tr("HTTP %1").arg(failure.httpStatus);
    if (!failure.endpoint.isEmpty())
        details << failure.endpoint;
    details << failure.occurredAt.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
    showProblem(failure.explanation, details.join(u" · "_s), canRetry);
}

void ProblemBanner::showProblem(const QString& text, const QString& details, bool canRetry)
{
    m_text->setText(text);
    m_details->setText(details);
    m_details->setVisible(!details.isEmpty());
    m_retry->setVisible(canRetry);
    show();
}

void ProblemBanner::clear()
{
    hide();
    m_text->clear();
    m_details->clear();
}

} // namespace marginwatch
