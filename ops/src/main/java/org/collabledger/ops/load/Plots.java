package org.collabledger.ops.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The report's two plots, drawn with the JDK alone (headless Java 2D): throughput over time and
 * latency percentiles.
 */
final class Plots {

    private static final Color[] COLORS = {
        new Color(0x1f5fbf),
        new Color(0xd9822b),
        new Color(0x2e8540),
        new Color(0xb3261e),
        new Color(0x6f42c1),
        new Color(0x5b6473),
        new Color(0x0f8b8d),
        new Color(0xc2185b)
    };
    private static final int W = 1440;

    /**
     * The legend sits right of the plot, where it hides no line and has room for the longest run's
     * name.
     */
    private static final int PLOT_RIGHT = W - 580;

    private static final int H = 480;
    private static final int LEFT = 80;
    private static final int BOTTOM = 60;
    private static final int TOP = 40;

    private Plots() {}

    /** Commands per second, second by second, one line per run. */
    static void throughput(Path file, List<LoadBenchmark.Result> results) throws IOException {
        long max =
                results.stream()
                        .flatMapToLong(r -> java.util.Arrays.stream(r.perSecond()))
                        .max()
                        .orElse(1);
        int seconds = results.stream().mapToInt(r -> r.perSecond().length).max().orElse(1);
        BufferedImage image = canvas();
        Graphics2D g = axes(image, "Throughput over time (commands/s)", "second of the run", max);
        for (int i = 0; i < results.size(); i++) {
            LoadBenchmark.Result r = results.get(i);
            g.setColor(COLORS[i % COLORS.length]);
            g.setStroke(new BasicStroke(2));
            long[] series = r.perSecond();
            for (int s = 1; s < series.length; s++) {
                g.drawLine(
                        x(s - 1, seconds), y(series[s - 1], max), x(s, seconds), y(series[s], max));
            }
            legend(g, i, r.store() + ", " + r.path());
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** p50, p90, p99 and p99.9 latency per run, as grouped bars. */
    static void latency(Path file, List<LoadBenchmark.Result> results) throws IOException {
        double max = results.stream().mapToDouble(LoadBenchmark.Result::p999).max().orElse(1);
        BufferedImage image = canvas();
        Graphics2D g =
                axes(
                        image,
                        "Command latency percentiles (ms)",
                        "p50 · p90 · p99 · p99.9",
                        (long) Math.ceil(max));
        int groups = 4;
        int groupWidth = (PLOT_RIGHT - LEFT) / groups;
        int barWidth = Math.max(4, (groupWidth - 20) / Math.max(1, results.size()));
        String[] names = {"p50", "p90", "p99", "p99.9"};
        for (int q = 0; q < groups; q++) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(names[q], LEFT + q * groupWidth + groupWidth / 2 - 12, H - BOTTOM + 20);
            for (int i = 0; i < results.size(); i++) {
                LoadBenchmark.Result r = results.get(i);
                double value =
                        switch (q) {
                            case 0 -> r.p50();
                            case 1 -> r.p90();
                            case 2 -> r.p99();
                            default -> r.p999();
                        };
                int top = y((long) Math.ceil(value), (long) Math.ceil(max));
                g.setColor(COLORS[i % COLORS.length]);
                g.fillRect(
                        LEFT + q * groupWidth + 10 + i * barWidth,
                        top,
                        barWidth - 2,
                        H - BOTTOM - top);
            }
        }
        for (int i = 0; i < results.size(); i++) {
            g.setColor(COLORS[i % COLORS.length]);
            legend(g, i, results.get(i).store() + ", " + results.get(i).path());
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static BufferedImage canvas() {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        return image;
    }

    private static Graphics2D axes(BufferedImage image, String title, String xLabel, long max) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 24);
        g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
        g.drawLine(LEFT, H - BOTTOM, PLOT_RIGHT, H - BOTTOM);
        g.drawString(xLabel, (LEFT + PLOT_RIGHT) / 2 - 60, H - 18);
        for (int tick = 0; tick <= 4; tick++) {
            long value = max * tick / 4;
            int y = y(value, max);
            g.setColor(new Color(0xe0e3e8));
            g.drawLine(LEFT + 1, y, PLOT_RIGHT, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%,d", value), 8, y + 4);
        }
        return g;
    }

    private static void legend(Graphics2D g, int index, String label) {
        int x = PLOT_RIGHT + 20;
        int y = TOP + 10 + index * 18;
        g.fillRect(x, y - 9, 12, 10);
        g.setColor(Color.BLACK);
        g.drawString(label, x + 18, y);
    }

    private static int x(int second, int seconds) {
        return LEFT + (int) ((long) (PLOT_RIGHT - LEFT) * second / Math.max(1, seconds - 1));
    }

    private static int y(long value, long max) {
        return H - BOTTOM - (int) ((long) (H - BOTTOM - TOP) * value / Math.max(1, max));
    }
}
