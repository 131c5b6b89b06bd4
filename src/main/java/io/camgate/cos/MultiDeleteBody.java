package io.camgate.cos;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The body of Delete Multiple Objects ({@code POST /?delete}), read with hard bounds because it
 * arrives after the headers and must be read before the request can be authorized:
 * <pre>{@code <Delete><Quiet>true</Quiet><Object><Key>a</Key><VersionId>v</VersionId></Object>...</Delete>}</pre>
 * At most {@value #MAX_BYTES} bytes and {@value #MAX_OBJECTS} objects (COS's own limits). A
 * DOCTYPE, any entity other than XML's five predefined ones, an unknown element or an empty
 * key is {@link CosError#MALFORMED_XML}; nothing is resolved from outside the body.
 */
public final class MultiDeleteBody {
    /** The largest body read: 2 MiB. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** The most objects one request may delete. */
    public static final int MAX_OBJECTS = 1000;

    private static final XMLInputFactory FACTORY = factory();

    /** One object named in the body. */
    public record DeletedObject(String key, String versionId) {
    }

    private MultiDeleteBody() {
    }

    private static XMLInputFactory factory() {
        // The JDK's own parser, whatever else is on the class path, with DTDs and external entities off.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** The objects {@code body} names, in order. */
    public static List<DeletedObject> parse(byte[] body) throws ClassificationException {
        if (body.length > MAX_BYTES) {
            throw new ClassificationException(CosError.ENTITY_TOO_LARGE,
                    "A Delete Multiple Objects body may hold at most " + MAX_BYTES + " bytes.");
        }
        List<DeletedObject> objects = new ArrayList<>();
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            expectStart(r, "Delete");
            while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "Quiet" -> readText(r);
                    case "Object" -> {
                        if (objects.size() == MAX_OBJECTS) {
                            throw malformed("more than " + MAX_OBJECTS + " objects");
                        }
                        objects.add(readObject(r));
                    }
                    default -> throw malformed("the unexpected element <" + r.getLocalName() + ">");
                }
            }
            while (r.hasNext()) {
                int event = r.next();
                if (event != XMLStreamConstants.COMMENT && event != XMLStreamConstants.SPACE
                        && event != XMLStreamConstants.END_DOCUMENT && !isBlank(r, event)) {
                    throw malformed("content after </Delete>");
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed("XML that does not parse: " + e.getMessage());
        } finally {
            close(r);
        }
        if (objects.isEmpty()) {
            throw malformed("no <Object>");
        }
        return List.copyOf(objects);
    }

    private static DeletedObject readObject(XMLStreamReader r) throws XMLStreamException, ClassificationException {
        String key = null;
        String versionId = null;
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            if (name.equals("Key") && key == null) {
                key = readText(r);
            } else if (name.equals("VersionId") && versionId == null) {
                versionId = readText(r);
            } else {
                throw malformed("an <Object> with an unexpected or repeated <" + name + ">");
            }
        }
        if (key == null || key.isEmpty()) {
            throw malformed("an <Object> without a <Key>");
        }
        return new DeletedObject(key, versionId == null || versionId.isEmpty() ? null : versionId);
    }

    private static void expectStart(XMLStreamReader r, String name) throws XMLStreamException, ClassificationException {
        if (nextTag(r) != XMLStreamConstants.START_ELEMENT || !r.getLocalName().equals(name)) {
            throw malformed("a root element other than <" + name + ">");
        }
    }

    /**
     * The next start or end tag, skipping whitespace and comments; a DOCTYPE, an entity
     * reference, a processing instruction or text between elements is refused.
     */
    private static int nextTag(XMLStreamReader r) throws XMLStreamException, ClassificationException {
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                    return event;
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.SPACE -> { }
                case XMLStreamConstants.CHARACTERS -> {
                    if (!r.isWhiteSpace()) {
                        throw malformed("text outside an element");
                    }
                }
                case XMLStreamConstants.DTD -> throw malformed("a DOCTYPE");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw malformed("an entity reference");
                default -> throw malformed("unexpected XML content");
            }
        }
        return XMLStreamConstants.END_DOCUMENT;
    }

    /** The text of the current element, which must hold nothing but text. */
    private static String readText(XMLStreamReader r) throws XMLStreamException, ClassificationException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(r.getText());
                case XMLStreamConstants.COMMENT -> { }
                case XMLStreamConstants.END_ELEMENT -> {
                    return text.toString();
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> throw malformed("an entity reference");
                default -> throw malformed("an element inside <" + r.getLocalName() + ">");
            }
        }
    }

    private static boolean isBlank(XMLStreamReader r, int event) {
        return event == XMLStreamConstants.CHARACTERS && r.isWhiteSpace();
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // Nothing is held open: the input is an in-memory array.
            }
        }
    }

    private static ClassificationException malformed(String what) {
        return new ClassificationException(CosError.MALFORMED_XML,
                "The Delete Multiple Objects body holds " + what + ".");
    }
}
