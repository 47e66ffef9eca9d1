package dev.sessionauth.twofactor;

import io.nayuki.qrcodegen.QrCode;

/**
 * Draws a QR code of a text (the {@link OtpAuthUri}) as a small standalone SVG for the enrolment page, so the page
 * needs no script and no third-party service. The encoding is qrcodegen's; this class only writes its module matrix
 * out, as qrcodegen's own demo does (the 1.8.0 jar has no SVG writer).
 *
 * <p>The SVG is one white square and one black {@code <path>} of unit-high rectangles, a quiet zone of 4 modules
 * (ISO/IEC 18004's minimum) and {@code shape-rendering="crispEdges"} so scaled modules stay sharp. Only numbers are
 * written into it, never the text, so nothing needs escaping and nothing in it can run: it is safe to inline in an
 * HTML page or to serve as {@code image/svg+xml}.
 */
public final class QrCodeSvg {
    /** Light modules around the code, on every side. */
    static final int QUIET_ZONE = 4;
    /** Pixels per module in the default {@code width}/{@code height}; CSS may scale the picture freely. */
    static final int PIXELS_PER_MODULE = 4;

    private QrCodeSvg() {
    }

    /**
     * The SVG of {@code text} at error-correction level M (15 % of the code may be damaged and still read; qrcodegen
     * raises the level when that costs no size). An otpauth URI of about 130 characters gives version 8, 49×49.
     *
     * @throws io.nayuki.qrcodegen.DataTooLongException (an {@code IllegalArgumentException}) when the text does not
     *                                                  fit in the largest QR code
     */
    public static String render(String text) {
        return render(QrCode.encodeText(text, QrCode.Ecc.MEDIUM));
    }

    static String render(QrCode qr) {
        int side = qr.size + 2 * QUIET_ZONE;
        int pixels = side * PIXELS_PER_MODULE;
        StringBuilder svg = new StringBuilder(256 + qr.size * qr.size * 4);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 ").append(side).append(' ')
                .append(side).append("\" width=\"").append(pixels).append("\" height=\"").append(pixels)
                .append("\" shape-rendering=\"crispEdges\">");
        // An explicit light background: a code drawn on a dark page (dark mode) must still scan.
        svg.append("<rect width=\"").append(side).append("\" height=\"").append(side).append("\" fill=\"#fff\"/>");
        svg.append("<path fill=\"#000\" d=\"");
        for (int y = 0; y < qr.size; y++) {
            int x = 0;
            while (x < qr.size) {
                if (!qr.getModule(x, y)) {
                    x++;
                    continue;
                }
                // A run of dark modules on one row as one rectangle: about a third of the text of one per module.
                int start = x;
                while (x < qr.size && qr.getModule(x, y)) {
                    x++;
                }
                int run = x - start;
                svg.append('M').append(start + QUIET_ZONE).append(',').append(y + QUIET_ZONE)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        svg.append("\"/></svg>");
        return svg.toString();
    }
}
