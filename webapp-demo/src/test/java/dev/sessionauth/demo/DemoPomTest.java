package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What {@code mvn jetty:run} (the README's demo command) hands the demo: the system properties it reads at start.
 * {@link StartupLineBrowserTest} starts the demo without Maven, so a property the pom drops goes unseen there; Maven
 * keeps only the last of two {@code <systemProperties>} blocks, which once cost the demo its start-up line.
 */
class DemoPomTest {
    @Test
    void jettyRunHandsTheDemoItsPortAndTheProviderSwitchInOneBlock() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element configuration = jettyPluginConfiguration(pom);

        List<Element> blocks = children(configuration, "systemProperties");
        assertThat(blocks).as("<systemProperties> blocks in the jetty plugin's configuration").hasSize(1);
        Map<String, String> properties = new LinkedHashMap<>();
        children(blocks.get(0), null).forEach(p -> properties.put(p.getTagName(), p.getTextContent().strip()));
        assertThat(properties).containsEntry(DemoSetup.PORT_PROPERTY, "${port}").containsKey("demo.oidc");
    }

    private static Element jettyPluginConfiguration(Document pom) {
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            List<Element> artifact = children(plugin, "artifactId");
            if (!artifact.isEmpty() && artifact.get(0).getTextContent().strip().equals("jetty-ee10-maven-plugin")) {
                return children(plugin, "configuration").get(0);
            }
        }
        throw new AssertionError("no jetty-ee10-maven-plugin in the demo's pom.xml");
    }

    /** The element children of {@code parent} named {@code name} (any name when null). */
    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                found.add(e);
            }
        }
        return found;
    }
}
