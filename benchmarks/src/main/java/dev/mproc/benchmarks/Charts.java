package dev.mproc.benchmarks;

import dev.mproc.benchmarks.Catalog.Family;
import dev.mproc.benchmarks.Report.Cell;
import dev.mproc.benchmarks.Report.Row;
import dev.mproc.benchmarks.Report.Status;
import dev.mproc.benchmarks.Suite.Side;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * One PNG per workload family, drawn with {@link BufferedImage} (headless, no library): for each row a group of
 * horizontal bars, one per mproc combination, whose length is the ratio to CPython on a logarithmic axis centred on
 * 1× (CPython's line): right of it mproc is better, left of it slower. A cell without a figure shows why.
 */
final class Charts {

    private static final int WIDTH = 1100;
    private static final int LABEL_WIDTH = 430;
    private static final int BAR = 13;
    private static final int GAP = 12;
    private static final int TOP = 74;
    private static final double MAX_LOG2 = 6; // the axis spans 1/64× to 64×
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    private Charts() {
    }

    static void write(Report report, Family family, List<Row> rows, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Side> sides = report.mprocSides();
        int groupHeight = Math.max(1, sides.size()) * BAR + GAP;
        int height = TOP + rows.size() * groupHeight + 46;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(family.title + ": mproc against CPython (× CPython; right of 1× mproc is better)", 12, 24);
            legend(g, sides);
            int plotLeft = LABEL_WIDTH + 10;
            int plotRight = WIDTH - 90;
            int center = (plotLeft + plotRight) / 2;
            double unit = (plotRight - center) / MAX_LOG2;
            axis(g, plotLeft, plotRight, center, unit, height);
            int y = TOP;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (Row row : rows) {
                g.setColor(Color.BLACK);
                String label = row.metric().label() + " · " + row.placement();
                if (g.getFontMetrics().stringWidth(label) > LABEL_WIDTH - 12) {
                    while (g.getFontMetrics().stringWidth(label + "…") > LABEL_WIDTH - 12 && label.length() > 4) {
                        label = label.substring(0, label.length() - 1);
                    }
                    label += "…";
                }
                g.drawString(label, 8, y + groupHeight / 2);
                for (int i = 0; i < sides.size(); i++) {
                    Side side = sides.get(i);
                    int barTop = y + i * BAR;
                    double ratio = report.ratio(row, side.name());
                    if (Double.isNaN(ratio)) {
                        g.setColor(Color.GRAY);
                        g.drawString(why(row.cells().get(side.name()), row.cells().get("Python")), center + 6,
                                barTop + BAR - 2);
                        continue;
                    }
                    double log = Math.max(-MAX_LOG2, Math.min(MAX_LOG2, Math.log(ratio) / Math.log(2)));
                    int end = (int) Math.round(center + log * unit);
                    g.setColor(COLORS[i % COLORS.length]);
                    g.fillRect(Math.min(center, end), barTop + 1, Math.max(1, Math.abs(end - center)), BAR - 2);
                    g.setColor(Color.DARK_GRAY);
                    String text = Report.formatRatio(ratio);
                    int tx = end >= center ? end + 4 : end - 4 - g.getFontMetrics().stringWidth(text);
                    g.drawString(text, tx, barTop + BAR - 2);
                }
                y += groupHeight;
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private static String why(Cell mine, Cell python) {
        if (mine.status() != Status.OK) {
            return mine.status() == Status.NA ? "n/a" : mine.status().name().toLowerCase();
        }
        return "CPython: " + (python == null ? "absent" : python.status() == Status.NA ? "n/a"
                : python.status().name().toLowerCase());
    }

    private static void legend(Graphics2D g, List<Side> sides) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = 12;
        for (int i = 0; i < sides.size(); i++) {
            g.setColor(COLORS[i % COLORS.length]);
            g.fillRect(x, 36, 14, 12);
            g.setColor(Color.BLACK);
            String name = "mproc " + sides.get(i).name();
            g.drawString(name, x + 18, 47);
            x += 30 + g.getFontMetrics().stringWidth(name);
        }
    }

    private static void axis(Graphics2D g, int left, int right, int center, double unit, int height) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int bottom = height - 30;
        for (int k = (int) -MAX_LOG2; k <= MAX_LOG2; k++) {
            int x = (int) Math.round(center + k * unit);
            g.setColor(k == 0 ? Color.BLACK : new Color(0xdddddd));
            g.setStroke(new BasicStroke(k == 0 ? 2f : 1f));
            g.drawLine(x, TOP - 8, x, bottom);
            String tick = k >= 0 ? (1 << k) + "×" : "1/" + (1 << -k);
            g.setColor(Color.DARK_GRAY);
            g.drawString(tick, x - g.getFontMetrics().stringWidth(tick) / 2, bottom + 14);
        }
        g.setStroke(new BasicStroke(1f));
        g.drawString("CPython = 1×", center + 4, TOP - 10);
        g.setColor(Color.GRAY);
        g.drawLine(left, bottom, right, bottom);
    }
}
