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
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.glancelookup.bench.SoakBench.Run;
import org.glancelookup.bench.SoakBench.Window;

/** soak.png: lookups/s (top) and RSS (bottom) over time, one line per run. Plain Java2D, headless. */
final class SoakPlot {
    private static final int WIDTH = 900;
    private static final int PANEL = 300;
    private static final int LEFT = 80;
    private static final int RIGHT = 160;
    private static final int TOP = 50;
    private static final int GAP = 60;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private SoakPlot() {
    }

    static void write(List<Run> runs, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int height = TOP + 2 * PANEL + GAP + 50;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("glance-lookup soak: lookups/s and RSS over time", LEFT, 30);
        double seconds = runs.stream().flatMap(r -> r.windows().stream()).mapToDouble(Window::endSeconds).max()
                .orElse(1);
        panel(g, runs, TOP, seconds, "lookups/s", Window::perSecond, Double.NaN);
        panel(g, runs, TOP + PANEL + GAP, seconds, "RSS MB", Window::rssMb, 300);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString("seconds since ready", LEFT + (WIDTH - LEFT - RIGHT) / 2 - 50, height - 15);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void panel(Graphics2D g, List<Run> runs, int top, double seconds, String label,
            ToDoubleFunction<Window> value, double target) {
        int w = WIDTH - LEFT - RIGHT;
        g.setStroke(new BasicStroke(1f));
        double max = runs.stream().flatMap(r -> r.windows().stream()).mapToDouble(value).filter(Double::isFinite)
                .max().orElse(1);
        if (Double.isFinite(target)) {
            max = Math.max(max, target);
        }
        max = niceCeiling(max * 1.1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            int y = top + PANEL - (int) (PANEL * i / 4.0);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + w, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f", v), 10, y + 4);
        }
        for (int s = 0; s <= seconds; s += 60) {
            int x = LEFT + (int) (w * s / seconds);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x, top, x, top + PANEL);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.valueOf(s), x - 8, top + PANEL + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, top, w, PANEL);
        g.drawString(label, LEFT + 5, top - 6);
        if (Double.isFinite(target)) {
            int y = top + PANEL - (int) (PANEL * target / max);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f}, 0f));
            g.drawLine(LEFT, y, LEFT + w, y);
            g.drawString("target", LEFT + w + 5, y + 4);
        }
        g.setStroke(new BasicStroke(2.2f));
        for (int r = 0; r < runs.size(); r++) {
            List<Window> windows = runs.get(r).windows();
            int[] xs = new int[windows.size()];
            int[] ys = new int[windows.size()];
            for (int i = 0; i < windows.size(); i++) {
                xs[i] = LEFT + (int) (w * windows.get(i).endSeconds() / seconds);
                ys[i] = top + PANEL - (int) (PANEL * Math.max(0, value.applyAsDouble(windows.get(i))) / max);
            }
            g.setColor(COLORS[r % COLORS.length]);
            g.drawPolyline(xs, ys, windows.size());
            int legendY = top + 15 + r * 20;
            g.drawLine(LEFT + w + 15, legendY, LEFT + w + 40, legendY);
            g.drawString(runs.get(r).name(), LEFT + w + 46, legendY + 4);
        }
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
