package dev.sessionauth.tags;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.jsp.tagext.SimpleTag;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.w3c.dom.Node;

/** The TLD is valid JSP 3.0, and every tag and attribute it declares exists as a class and a setter. */
class TldTest {
    private static final String TLD = "META-INF/sessionauth.tld";
    private static Document tld;

    @BeforeAll
    static void parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = resource(TLD).openStream()) {
            tld = factory.newDocumentBuilder().parse(in);
        }
    }

    private static URL resource(String name) {
        URL url = TldTest.class.getClassLoader().getResource(name);
        assertThat(url).as(name).isNotNull();
        return url;
    }

    @Test
    void isValidAgainstTheJsp30TaglibSchema() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver(new OfflineSchemas());
        URL xsd = resource("jakarta/servlet/resources/web-jsptaglibrary_3_0.xsd");
        try (InputStream in = resource(TLD).openStream()) {
            factory.newSchema(xsd).newValidator().validate(new StreamSource(in));
        }
    }

    @Test
    void declaresTheLibraryUnderItsUriAndShortName() {
        Element root = tld.getDocumentElement();
        assertThat(root.getAttribute("version")).isEqualTo("3.0");
        assertThat(text(root, "short-name")).isEqualTo("auth");
        assertThat(text(root, "uri")).isEqualTo("https://sessionauth.dev/tags");
    }

    @Test
    void declaresExactlyTheTagsOfTheLibrary() {
        assertThat(tags().keySet()).containsExactly(
                "ifSignedIn", "ifSignedOut", "ifVerified", "ifTwoFactorEnabled", "hasRole", "user", "session", "error",
                "csrfInput", "csrfMeta", "socialSignIn", "impersonationBanner");
        assertThat(attributes("socialSignIn")).containsExactly("provider", "callbackURL", "errorCallbackURL",
                "newUserCallbackURL", "label");
        assertThat(attributes("hasRole")).containsExactly("name");
        assertThat(attributes("user")).containsExactly("property", "default", "escapeXml", "var", "scope");
        assertThat(attributes("session")).containsExactly("property", "default", "escapeXml", "var", "scope");
        assertThat(attributes("csrfInput")).isEmpty();
        assertThat(attributes("impersonationBanner")).containsExactly("action", "callbackURL", "text", "stopLabel");
    }

    @Test
    void everyTagIsASimpleTagWithASetterForEachAttribute() throws Exception {
        for (Map.Entry<String, Element> tag : tags().entrySet()) {
            Class<?> type = Class.forName(text(tag.getValue(), "tag-class"));
            assertThat(SimpleTag.class).as(tag.getKey()).isAssignableFrom(type);
            assertThat(type.getConstructor().newInstance()).isNotNull();
            List<String> settable = Arrays.stream(Introspector.getBeanInfo(type).getPropertyDescriptors())
                    .filter(p -> p.getWriteMethod() != null).map(PropertyDescriptor::getName).toList();
            assertThat(settable).as(tag.getKey()).containsAll(attributes(tag.getKey()));
        }
    }

    @Test
    void everyTagAndAttributeIsDescribed() {
        for (Map.Entry<String, Element> tag : tags().entrySet()) {
            assertThat(text(tag.getValue(), "description")).as(tag.getKey()).isNotBlank();
            for (Element attribute : children(tag.getValue(), "attribute")) {
                assertThat(text(attribute, "description")).as(tag.getKey() + "@" + text(attribute, "name")).isNotBlank();
            }
        }
    }

    private static Map<String, Element> tags() {
        Map<String, Element> tags = new LinkedHashMap<>();
        children(tld.getDocumentElement(), "tag").forEach(t -> tags.put(text(t, "name"), t));
        return tags;
    }

    private static List<String> attributes(String tag) {
        return children(tags().get(tag), "attribute").stream().map(a -> text(a, "name")).toList();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as(name + " in " + parent.getLocalName()).hasSize(1);
        return found.get(0).getTextContent().strip();
    }

    /**
     * Resolves the schema's includes from the servlet API jar, and the one import of the XML namespace
     * (for {@code xml:lang}) to a stub, so validation needs no network.
     */
    private static final class OfflineSchemas implements LSResourceResolver {
        private static final String XML_NS_STUB = "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'"
                + " targetNamespace='http://www.w3.org/XML/1998/namespace'>"
                + "<xs:attribute name='lang' type='xs:language'/></xs:schema>";

        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            if (XMLConstants.XML_NS_URI.equals(namespace)) {
                return new Input(systemId, baseUri, XML_NS_STUB);
            }
            return null;
        }
    }

    private record Input(String getSystemId, String getBaseURI, String getStringData) implements LSInput {
        @Override
        public java.io.Reader getCharacterStream() {
            return new StringReader(getStringData);
        }

        @Override
        public void setCharacterStream(java.io.Reader characterStream) {
        }

        @Override
        public InputStream getByteStream() {
            return null;
        }

        @Override
        public void setByteStream(InputStream byteStream) {
        }

        @Override
        public void setStringData(String stringData) {
        }

        @Override
        public void setSystemId(String systemId) {
        }

        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public void setPublicId(String publicId) {
        }

        @Override
        public void setBaseURI(String baseURI) {
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
        }
    }
}
