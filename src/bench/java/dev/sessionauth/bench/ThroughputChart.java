package dev.sessionauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The chart of a run: median req/s per scenario, one bar per database and table size (H2 at each size, PostgreSQL
 * at the largest), drawn with XChart as a PNG beside {@code results.md}. Sign-in is left out: at a few dozen
 * requests a second its bar would not show beside the others (the table has it).
 */
final class ThroughputChart {
    private ThroughputChart() {
    }

    /** Writes the chart to {@code file} and returns it; copies it to {@code copy} too when that is not null. */
    static Path write(Collection<BenchRunner.Row> rows, String title, Path file, Path copy) throws IOException {
        List<BenchRunner.Row> charted = rows.stream().filter(r -> !r.scenario.id().equals("sign-in"))
                .filter(r -> !r.runs.isEmpty())
                // Series in reading order: H2 from the small table to the large one, then PostgreSQL.
                .sorted(java.util.Comparator.<BenchRunner.Row>comparingInt(r -> r.database.equals(BenchServer.H2) ? 0 : 1)
                        .thenComparingLong(r -> r.sessions))
                .toList();
        List<String> categories = new ArrayList<>();
        for (BenchRunner.Scenario sc : BenchRunner.SCENARIOS) {
            if (charted.stream().anyMatch(r -> r.scenario == sc)) {
                categories.add(shortLabel(sc));
            }
        }
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        for (BenchRunner.Row r : charted) {
            String name = String.format(Locale.ROOT, "%s, %,d sessions", BenchRunner.databaseName(r.database),
                    r.sessions);
            series.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(shortLabel(r.scenario), r.medianRps());
        }
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(700).title(title)
                .xAxisTitle("scenario").yAxisTitle("requests per second (median)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setDecimalPattern("#,###");
        chart.getStyler().setLabelsVisible(false);
        for (Map.Entry<String, Map<String, Double>> e : series.entrySet()) {
            // A scenario not run in this series (PostgreSQL's public path, say) is a bar of 0: XChart wants every
            // series over the same categories.
            List<Double> values = categories.stream().map(c -> e.getValue().getOrDefault(c, 0.0)).toList();
            chart.addSeries(e.getKey(), categories, values);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        if (copy != null) {
            Files.createDirectories(copy.toAbsolutePath().getParent());
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static String shortLabel(BenchRunner.Scenario sc) {
        return switch (sc.id()) {
            case BenchRunner.BASELINE -> "baseline, no cookie";
            case BenchRunner.BASELINE_COOKIE -> "baseline, cookies";
            case BenchRunner.BASELINE_JWT_COOKIES -> "baseline, jwt cookies";
            case "public" -> "public path";
            case "protected-db" -> "protected, database";
            case "protected-jwt" -> "protected, jwt";
            case "get-session" -> "get-session";
            case "forged" -> "forged cookie (401)";
            case "peer" -> "Jetty JDBC";
            case "spring-peer" -> "Spring Session JDBC";
            default -> sc.id();
        };
    }
}
