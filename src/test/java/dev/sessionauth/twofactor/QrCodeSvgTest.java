package dev.sessionauth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.nayuki.qrcodegen.QrCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class QrCodeSvgTest {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    // The research notes' enrolment URI: qrcodegen makes it version 8, 49×49 modules, at level M.
    private static final String URI = "otpauth://totp/My%20App:a.b%2Btag%40example.com"
            + "?secret=KRNGY3TCJFTGWNZRMIYDAMSIJ5GE22LWJ5AXG2DWNVSGEY3LNMYA&issuer=My+App&digits=6&period=30";
    private static final Pattern RECTANGLE = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-(\\d+)z");

    @Test
    void theSvgIsWellFormedXmlWithOneSquareAndOnePath() throws Exception {
        Element svg = parse(QrCodeSvg.render(URI)).getDocumentElement();

        assertThat(svg.getNamespaceURI()).isEqualTo(SVG_NS);
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getAttribute("shape-rendering")).isEqualTo("crispEdges");
        assertThat(svg.getElementsByTagNameNS(SVG_NS, "rect").getLength()).isEqualTo(1);
        assertThat(svg.getElementsByTagNameNS(SVG_NS, "path").getLength()).isEqualTo(1);
        assertThat(svg.getElementsByTagNameNS("*", "*").getLength()).isEqualTo(2);
    }

    @Test
    void theViewBoxIsTheCodeAndAQuietZoneOfFourModulesOnEachSide() throws Exception {
        QrCode qr = QrCode.encodeText(URI, QrCode.Ecc.MEDIUM);
        Element svg = parse(QrCodeSvg.render(URI)).getDocumentElement();

        assertThat(qr.version).isEqualTo(8);
        assertThat(qr.size).isEqualTo(49);
        assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 57 57");
        assertThat(svg.getAttribute("width")).isEqualTo("228");
        assertThat(svg.getAttribute("height")).isEqualTo("228");
    }

    @Test
    void thePathDrawsExactlyTheEncodersDarkModulesInsideTheQuietZone() throws Exception {
        QrCode qr = QrCode.encodeText(URI, QrCode.Ecc.MEDIUM);
        boolean[][] drawn = modulesOf(parse(QrCodeSvg.render(URI)), qr.size + 8);

        for (int y = 0; y < qr.size + 8; y++) {
            for (int x = 0; x < qr.size + 8; x++) {
                assertThat(drawn[y][x]).as("module %d,%d", x, y).isEqualTo(qr.getModule(x - 4, y - 4));
            }
        }
    }

    @Test
    void aQrDecoderReadsTheTextBackFromTheSvg() throws Exception {
        String svg = QrCodeSvg.render(URI);

        assertThat(decode(svg, DecodeHintType.PURE_BARCODE)).isEqualTo(URI);
        // The way a camera app reads it too: finding the three finder patterns anywhere in the picture.
        assertThat(decode(svg, DecodeHintType.TRY_HARDER)).isEqualTo(URI);
    }

    @Test
    void freshEnrolmentUrisSurviveTheRoundTripThroughADecoder() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 50; i++) {
            String uri = OtpAuthUri.totp("Acme & Co", "ünï+tag" + i + "@example.com", TotpSecret.generate(random));

            // PURE_BARCODE (the picture is exactly one code and its quiet zone): ZXing's finder-pattern detector
            // misses some perfectly drawn codes (zxing/zxing#1763; here about one in five of the version-8 codes
            // with mask 2), which would make this test fail by chance, not because of our SVG.
            assertThat(decode(QrCodeSvg.render(uri), DecodeHintType.PURE_BARCODE)).isEqualTo(uri);
        }
    }

    @Test
    void theTextNeverAppearsInTheSvgAndNothingInItCanRun() {
        String svg = QrCodeSvg.render("<script>alert(1)</script>\"'&");

        // With every number taken out, what is left is one fixed template: no text, no other element or attribute.
        assertThat(svg.replaceAll("\\d+", "N")).matches(Pattern.quote("<svg xmlns=\"http://www.wN.org/N/svg\""
                + " version=\"N.N\" viewBox=\"N N N N\" width=\"N\" height=\"N\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"N\" height=\"N\" fill=\"#fff\"/><path fill=\"#N\" d=\"")
                + "(MN,NhNvNh-Nz)+" + Pattern.quote("\"/></svg>"));
    }

    @Test
    void aTextTooLongForAnyQrCodeIsRefused() {
        assertThatThrownBy(() -> QrCodeSvg.render("x".repeat(5_000))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The modules the SVG's path paints, read from its own rectangles (not from the encoder). */
    private static boolean[][] modulesOf(Document svg, int side) {
        NodeList paths = svg.getElementsByTagNameNS(SVG_NS, "path");
        String d = ((Element) paths.item(0)).getAttribute("d");
        boolean[][] dark = new boolean[side][side];
        Matcher m = RECTANGLE.matcher(d);
        int end = 0;
        while (m.find()) {
            assertThat(m.start()).as("nothing but rectangles in the path").isEqualTo(end);
            end = m.end();
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            int w = Integer.parseInt(m.group(3));
            assertThat(m.group(4)).isEqualTo(m.group(3));
            for (int i = 0; i < w; i++) {
                dark[y][x + i] = true;
            }
        }
        assertThat(end).isEqualTo(d.length());
        return dark;
    }

    /** Rasterises the SVG's path at 4 px a module, as a screen would show it, and scans it with ZXing. */
    private static String decode(String svgText, DecodeHintType mode) throws Exception {
        Element svg = parse(svgText).getDocumentElement();
        int side = Integer.parseInt(svg.getAttribute("viewBox").split(" ")[2]);
        boolean[][] dark = modulesOf(svg.getOwnerDocument(), side);
        int scale = 4;
        int px = side * scale;
        int[] argb = new int[px * px];
        for (int y = 0; y < px; y++) {
            for (int x = 0; x < px; x++) {
                argb[y * px + x] = dark[y / scale][x / scale] ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(px, px, argb)));
        Result result = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.CHARACTER_SET, "UTF-8", mode, true));
        return result.getText();
    }
}
