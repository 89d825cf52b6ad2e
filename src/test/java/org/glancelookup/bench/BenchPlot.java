package org.glancelookup.bench;

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
import org.glancelookup.bench.LookupBench.Result;

/** results.png: lookups/s (log scale) against concurrency, one line per mode. Plain Java2D, headless. */
final class BenchPlot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 210;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] COLORS = {Color.BLACK, new Color(0x1f77b4), new Color(0xff7f0e),
        new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2),
        new Color(0x17becf), new Color(0xbcbd22)};

    private BenchPlot() {
    }

    static void write(List<Result> results, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Integer> levels = results.stream().map(Result::concurrency).distinct().sorted().toList();
        List<String> modes = results.stream().map(Result::mode).distinct().toList();
        if (levels.isEmpty()) {
            return;
        }
        double min = results.stream().mapToDouble(Result::perSecond).filter(v -> v > 0).min().orElse(1);
        double max = results.stream().mapToDouble(Result::perSecond).max().orElse(10);
        double lo = Math.floor(Math.log10(Math.max(min, 1)));
        double hi = Math.ceil(Math.log10(Math.max(max, 10)));
        if (hi <= lo) {
            hi = lo + 1;
        }

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString("glance-lookup: lookups/s by concurrency (log scale)", LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        // y grid: each power of ten, with 2x and 5x
        for (double decade = lo; decade < hi + 1e-9; decade++) {
            for (int step : new int[] {1, 2, 5}) {
                double value = step * Math.pow(10, decade);
                double y = y(value, lo, hi, plotH);
                if (Math.log10(value) > hi + 1e-9) {
                    continue;
                }
                g.setColor(step == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
                g.drawLine(LEFT, (int) y, LEFT + plotW, (int) y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.0f", value), 10, (int) y + 4);
            }
        }
        for (int i = 0; i < levels.size(); i++) {
            int x = x(i, levels.size(), plotW);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            g.drawString("c=" + levels.get(i), x - 12, TOP + plotH + 20);
        }
        g.drawString("concurrent lookups", LEFT + plotW / 2 - 50, HEIGHT - 15);
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);

        g.setStroke(new BasicStroke(2.2f));
        for (int m = 0; m < modes.size(); m++) {
            String mode = modes.get(m);
            g.setColor(COLORS[m % COLORS.length]);
            int[] xs = new int[levels.size()];
            int[] ys = new int[levels.size()];
            int n = 0;
            for (int i = 0; i < levels.size(); i++) {
                var rate = BenchReport.rate(results, mode, levels.get(i));
                if (rate.isPresent()) {
                    xs[n] = x(i, levels.size(), plotW);
                    ys[n] = (int) y(Math.max(rate.getAsDouble(), 1), lo, hi, plotH);
                    g.fillOval(xs[n] - 4, ys[n] - 4, 8, 8);
                    n++;
                }
            }
            g.drawPolyline(xs, ys, n);
            int legendY = TOP + 10 + m * 22;
            g.drawLine(LEFT + plotW + 15, legendY, LEFT + plotW + 40, legendY);
            g.drawString(mode, LEFT + plotW + 48, legendY + 4);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static int x(int index, int count, int plotW) {
        return count == 1 ? LEFT + plotW / 2 : LEFT + 30 + index * (plotW - 60) / (count - 1);
    }

    private static double y(double value, double lo, double hi, int plotH) {
        return TOP + plotH - (Math.log10(value) - lo) / (hi - lo) * plotH;
    }
}
