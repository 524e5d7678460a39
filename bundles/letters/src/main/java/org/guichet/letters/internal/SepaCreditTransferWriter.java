package org.guichet.letters.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.guichet.api.letters.CreditTransfer;
import org.guichet.api.letters.SepaWriter;
import org.iban4j.IbanUtil;
import org.osgi.service.component.annotations.Component;
import org.xml.sax.SAXException;

/**
 * SEPA credit-transfer initiation (ISO 20022 pain.001.001.03, in the EPC/DK SEPA restriction) written with the
 * JDK's StAX writer and validated against that schema before it is returned: a file the bank would reject is never
 * produced. IBANs are checked (country format and check digits) with iban4j. Names and texts are reduced to the
 * SEPA Latin character set (accents removed), as banks require.
 */
@Component(service = SepaWriter.class)
public class SepaCreditTransferWriter implements SepaWriter {
    static final String NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
    private static final Schema SCHEMA = loadSchema();

    private static Schema loadSchema() {
        URL xsd = SepaCreditTransferWriter.class.getResource("pain.001.001.03.xsd");
        if (xsd == null) {
            throw new IllegalStateException("pain.001.001.03.xsd missing from the bundle");
        }
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("pain.001.001.03.xsd unreadable", e);
        }
    }

    @Override
    public String normaliseIban(String iban) {
        if (iban == null) {
            return null;
        }
        String s = iban.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        return IbanUtil.isValid(s) ? s : null;
    }

    @Override
    public byte[] creditTransfers(String messageId, Instant createdAt, LocalDate executionDate, Debtor debtor,
            List<CreditTransfer> transfers) {
        if (transfers.isEmpty()) {
            throw new IllegalArgumentException("no transfer to write");
        }
        String debtorIban = require(normaliseIban(debtor.iban()), "debtor IBAN " + debtor.iban());
        BigDecimal total = BigDecimal.ZERO;
        for (CreditTransfer t : transfers) {
            require(normaliseIban(t.creditorIban()), "IBAN of " + t.creditorName());
            if (t.amount().signum() <= 0 || t.amount().scale() > 2) {
                throw new IllegalArgumentException("amount of " + t.creditorName() + " must be positive, in cents: " + t.amount());
            }
            total = total.add(t.amount());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("Document");
            x.writeDefaultNamespace(NS);
            x.writeStartElement("CstmrCdtTrfInitn");
            x.writeStartElement("GrpHdr");
            text(x, "MsgId", latin(messageId, 35));
            text(x, "CreDtTm", createdAt.atZone(ZoneId.of("Europe/Paris")).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
            text(x, "NbOfTxs", String.valueOf(transfers.size()));
            text(x, "CtrlSum", amount(total));
            x.writeStartElement("InitgPty");
            text(x, "Nm", latin(debtor.name(), 70));
            x.writeEndElement();
            x.writeEndElement();
            x.writeStartElement("PmtInf");
            text(x, "PmtInfId", latin(messageId, 35));
            text(x, "PmtMtd", "TRF");
            text(x, "BtchBookg", "false");
            text(x, "NbOfTxs", String.valueOf(transfers.size()));
            text(x, "CtrlSum", amount(total));
            x.writeStartElement("PmtTpInf");
            x.writeStartElement("SvcLvl");
            text(x, "Cd", "SEPA");
            x.writeEndElement();
            x.writeEndElement();
            text(x, "ReqdExctnDt", executionDate.toString());
            x.writeStartElement("Dbtr");
            text(x, "Nm", latin(debtor.name(), 70));
            x.writeEndElement();
            account(x, "DbtrAcct", debtorIban);
            agent(x, "DbtrAgt", debtor.bic());
            text(x, "ChrgBr", "SLEV");
            for (CreditTransfer t : transfers) {
                x.writeStartElement("CdtTrfTxInf");
                x.writeStartElement("PmtId");
                text(x, "EndToEndId", latin(t.endToEndId(), 35));
                x.writeEndElement();
                x.writeStartElement("Amt");
                x.writeStartElement("InstdAmt");
                x.writeAttribute("Ccy", "EUR");
                x.writeCharacters(amount(t.amount()));
                x.writeEndElement();
                x.writeEndElement();
                if (t.creditorBic() != null && !t.creditorBic().isBlank()) {
                    agent(x, "CdtrAgt", t.creditorBic());
                }
                x.writeStartElement("Cdtr");
                text(x, "Nm", latin(t.creditorName(), 70));
                x.writeEndElement();
                account(x, "CdtrAcct", normaliseIban(t.creditorIban()));
                x.writeStartElement("RmtInf");
                text(x, "Ustrd", latin(t.remittance(), 140));
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        byte[] xml = out.toByteArray();
        validate(xml);
        return xml;
    }

    /** @throws IllegalArgumentException with the schema's message when the file does not validate */
    static void validate(byte[] xml) {
        try {
            SCHEMA.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException e) {
            throw new IllegalArgumentException("the SEPA file does not validate against pain.001.001.03: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void account(XMLStreamWriter x, String element, String iban) throws XMLStreamException {
        x.writeStartElement(element);
        x.writeStartElement("Id");
        text(x, "IBAN", iban);
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void agent(XMLStreamWriter x, String element, String bic) throws XMLStreamException {
        x.writeStartElement(element);
        x.writeStartElement("FinInstnId");
        if (bic != null && !bic.isBlank()) {
            text(x, "BIC", bic.replaceAll("\\s", "").toUpperCase(Locale.ROOT));
        } else {
            // within SEPA the BIC may be left out: "NOTPROVIDED"
            x.writeStartElement("Othr");
            text(x, "Id", "NOTPROVIDED");
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void text(XMLStreamWriter x, String element, String value) throws XMLStreamException {
        x.writeStartElement(element);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    static String amount(BigDecimal a) {
        return a.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** The SEPA character set: a-z A-Z 0-9 / - ? : ( ) . , ' + and space; accents dropped, the rest a space. */
    static String latin(String s, int max) {
        String n = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z0-9/\\-?:().,'+ ]", " ").replaceAll(" +", " ").strip();
        if (n.isEmpty()) {
            n = "-";
        }
        return n.length() > max ? n.substring(0, max) : n;
    }

    private static String require(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("not a valid " + what);
        }
        return value;
    }
}
