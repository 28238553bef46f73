#include "TsFile.h"

#include <QFile>
#include <QProcess>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace marginwatch::test {

using namespace Qt::StringLiterals;

namespace {

Expected<QString> run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(120000))
        return failure(u"%1 did not finish: %2"_s.arg(program, process.errorString()));
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return failure(u"%1 failed (%2): %3"_s.arg(program)
                           .arg(process.exitCode())
                           .arg(QString::fromLocal8Bit(process.readAll())));
    return QString::fromLocal8Bit(process.readAll());
}

} // namespace

Expected<QString> runLupdate(const QString& tsPath)
{
    QStringList arguments = QString::fromUtf8(MARGINWATCH_LUPDATE_OPTIONS).split(u' ', Qt::SkipEmptyParts);
    arguments << u"@"_s + QString::fromUtf8(MARGINWATCH_TRANSLATION_SOURCES_LST) << u"-ts"_s << tsPath;
    return run(QString::fromUtf8(MARGINWATCH_LUPDATE), arguments);
}

Expected<void> runLrelease(const QString& tsPath, const QString& qmPath)
{
    const Expected<QString> released =
        run(QString::fromUtf8(MARGINWATCH_LRELEASE), {u"-silent"_s, tsPath, u"-qm"_s, qmPath});
    if (!released)
        return failure(released.error());
    return {};
}

Expected<QList<TsMessage>> readTs(const QString& tsPath)
{
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly))
        return failure(u"%1: %2"_s.arg(tsPath, file.errorString()));
    QXmlStreamReader xml(&file);
    QList<TsMessage> messages;
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == "translation"_L1 && message.numerus)
            messages.append(message);
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == "name"_L1) {
            context = xml.readElementText();
        } else if (name == "message"_L1) {
            message = TsMessage{context, {}, {}, xml.attributes().value("numerus"_L1) == "yes"_L1, {}, {}};
        } else if (name == "source"_L1) {
            message.source = xml.readElementText();
        } else if (name == "comment"_L1) {
            message.comment = xml.readElementText();
        } else if (name == "translation"_L1) {
            message.type = xml.attributes().value("type"_L1).toString();
            if (!message.numerus) {
                message.translations << xml.readElementText();
                messages.append(message);
            }
        } else if (name == "numerusform"_L1) {
            message.translations << xml.readElementText();
        }
    }
    if (xml.hasError())
        return failure(u"%1: %2 (line %3)"_s.arg(tsPath, xml.errorString()).arg(xml.lineNumber()));
    return messages;
}

Expected<void> translateAll(const QString& tsPath, QString (*f)(const QString& source))
{
    QFile in(tsPath);
    if (!in.open(QIODevice::ReadOnly))
        return failure(u"%1: %2"_s.arg(tsPath, in.errorString()));
    QByteArray out;
    QXmlStreamReader reader(&in);
    QXmlStreamWriter writer(&out);
    QString source;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == "source"_L1) {
            source = reader.readElementText();
            writer.writeTextElement(u"source"_s, source);
        } else if (reader.isStartElement() && reader.name() == "translation"_L1) {
            writer.writeStartElement(u"translation"_s);
            // Every form of a plural message gets the text; a singular one gets it as its content.
            bool numerus = false;
            while (
                !(reader.readNext() == QXmlStreamReader::EndElement && reader.name() == "translation"_L1)) {
                if (reader.isStartElement() && reader.name() == "numerusform"_L1) {
                    numerus = true;
                    reader.skipCurrentElement();
                    writer.writeTextElement(u"numerusform"_s, f(source));
                }
            }
            if (!numerus)
                writer.writeCharacters(f(source));
            writer.writeEndElement();
        } else {
            writer.writeCurrentToken(reader);
        }
    }
    if (reader.hasError())
        return failure(u"%1: %2"_s.arg(tsPath, reader.errorString()));
    in.close();
    QFile file(tsPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(out) != out.size())
        return failure(u"%1: %2"_s.arg(tsPath, file.errorString()));
    return {};
}

} // namespace marginwatch::test
