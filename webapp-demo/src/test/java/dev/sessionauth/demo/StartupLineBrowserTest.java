package dev.sessionauth.demo;

import dev.sessionauth.testing.Chromium;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The line the demo prints when it starts, on standard output (where {@code mvn -q jetty:run} still shows it): it
 * names the URL to open, and that URL, opened in Chromium, is the demo's home page.
 */
class StartupLineBrowserTest {
    private static final Pattern LINE = Pattern.compile("SessionAuth demo: open (http://localhost:\\d+/)");

    @Test
    void atStartTheDemoSaysWhichUrlToOpenAndThatUrlIsItsHomePage() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoServer demo;
        System.setOut(new PrintStream(new TeeStream(console, printed), true, StandardCharsets.UTF_8));
        try {
            demo = DemoServer.start();
        } finally {
            System.setOut(console);
        }
        try (DemoServer started = demo) {
            Matcher line = LINE.matcher(printed.toString(StandardCharsets.UTF_8));
            assertThat(line.find()).as("printed at start:\n%s", printed).isTrue();
            assertThat(line.group(1)).isEqualTo("http://localhost:" + started.port() + "/");

            try (Chromium browser = Chromium.open()) {
                browser.get(line.group(1));
                assertThat(browser.driver().findElement(By.id("greeting")).getText())
                        .contains("Sessions for Java web apps");
                browser.screenshot("startup-url-home");
            }
        }
    }

    /** Writes to the console as before and keeps a copy for the test. */
    private static final class TeeStream extends java.io.OutputStream {
        private final PrintStream console;
        private final ByteArrayOutputStream copy;

        TeeStream(PrintStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) {
            console.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            console.write(b, off, len);
            copy.write(b, off, len);
        }
    }
}
