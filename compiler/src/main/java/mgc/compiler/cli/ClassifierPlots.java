package mgc.compiler.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.imageio.ImageIO;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import mgc.runtime.data.Dataset;
import mgc.runtime.train.Confusion;
import mgc.runtime.train.Task;

/**
 * Pictures of what a classifier got wrong, drawn directly with Java2D (a grid of cells and of small
 * images is simpler to draw than to coax out of a chart library): {@code confusion.png}, counts with
 * row-normalised colours, and {@code mistakes.png}, misclassified input images with true and predicted class.
 */
public final class ClassifierPlots {
    /** Misclassified images shown at most: a 10 x 10 grid stays readable. */
    static final int MAX_MISTAKES = 100;

    private static final Color INK = new Color(0x08306B);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);

    private ClassifierPlots() { }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * For a classifier of more than two classes, writes {@code confusion.png} over {@code data} (named
     * {@code which} in the titles) and, when the input is a picture ({@link #imageShape}), {@code mistakes.png}.
     * Returns the files written.
     */
    static java.util.List<Path> writeAll(CompiledModel model, double[] params, Dataset data, String which, ModelSignature sig,
                                         Path dir) throws IOException {
        if (!Task.detect(sig, data).isClassification() || data.targetSize() <= 2) return java.util.List.of();
        Confusion c = Confusion.of(model, params, data);
        Path confusion = dir.resolve("confusion.png");
        confusion(c, String.format(Locale.ROOT, "Confusion matrix, %s (accuracy %.2f%%)", which, 100 * c.accuracy()), confusion);
        int[] shape = imageShape(sig.inputs());
        if (shape == null) return java.util.List.of(confusion);
        Path mistakes = dir.resolve("mistakes.png");
        mistakes(c, data, shape, "Misclassified examples, " + which, mistakes);
        return java.util.List.of(confusion, mistakes);
    }

    /**
     * The height and width of the picture an input is, or null when it is not one: an input {@code x[h, w]},
     * or {@code x[n]} with {@code n} a square of at least 8 x 8 (MNIST's {@code x[784]} is 28 x 28).
     */
    static int[] imageShape(java.util.List<TensorSpec> inputs) {
        if (inputs.size() != 1) return null;
        TensorSpec x = inputs.get(0);
        if (x.rank() == 2) return x.shape();
        if (x.rank() != 1) return null;
        int side = (int) Math.round(Math.sqrt(x.size()));
        return side >= 8 && side * side == x.size() ? new int[] {side, side} : null;
    }

    /** Writes {@code confusion.png}: rows are true classes, columns predicted ones; colour is the row's fraction. */
    public static void confusion(Confusion c, String title, Path png) throws IOException {
        int k = c.classes();
        int cell = k <= 12 ? 52 : Math.max(14, 620 / k);
        int left = 90, top = 80, right = 80, bottom = 30;
        int w = left + k * cell + right, h = top + k * cell + bottom;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title);
        centered(g, "predicted class", left + k * cell / 2, 46);
        g.drawString("true", 14, top + k * cell / 2 - 2);
        g.drawString("class", 14, top + k * cell / 2 + 14);
        g.drawString("count", left + k * cell + 12, top - 8);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, cell >= 40 ? 12 : 9);
        for (int t = 0; t < k; t++) {
            int support = c.support(t);
            g.setFont(LABEL);
            g.setColor(Color.BLACK);
            centered(g, Integer.toString(t), left + t * cell + cell / 2, top - 8);
            centered(g, Integer.toString(t), left - 14, top + t * cell + cell / 2 + 5);
            g.drawString(Integer.toString(support), left + k * cell + 12, top + t * cell + cell / 2 + 5);
            for (int p = 0; p < k; p++) {
                int n = c.count(t, p);
                double f = support == 0 ? 0 : (double) n / support;
                g.setColor(blend(Color.WHITE, INK, Math.sqrt(f)));
                g.fillRect(left + p * cell, top + t * cell, cell, cell);
                if (n > 0 && cell >= 24) {
                    g.setFont(small);
                    g.setColor(Math.sqrt(f) > 0.55 ? Color.WHITE : Color.BLACK);
                    centered(g, Integer.toString(n), left + p * cell + cell / 2, top + t * cell + cell / 2 + 4);
                }
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, k * cell, k * cell);
        g.dispose();
        write(img, png);
    }

    /**
     * Writes {@code mistakes.png}: up to {@link #MAX_MISTAKES} misclassified examples of {@code data} (in data
     * order), each drawn as an {@code shape[0] x shape[1]} picture (ink dark on white) with
     * {@code true → predicted} under it. Returns how many were drawn.
     */
    public static int mistakes(Confusion c, Dataset data, int[] shape, String title, Path png) throws IOException {
        int[] wrong = c.mistakes();
        int shown = Math.min(MAX_MISTAKES, wrong.length);
        int rows = shape[0], cols = shape[1];
        int scale = Math.max(1, 84 / Math.max(rows, cols));
        int tileW = Math.max(cols * scale, 70) + 10, tileH = rows * scale + 28;
        int perRow = 10;
        int gridRows = Math.max(1, (shown + perRow - 1) / perRow);
        int w = Math.max(perRow * tileW + 20, 500), h = 60 + gridRows * tileH + 10;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title);
        centered(g, String.format(Locale.ROOT, "%d of %d misclassified%s; under each: true \u2192 predicted", wrong.length,
                c.truth().length, shown < wrong.length ? " (the first " + shown + " shown)" : ""), w / 2, 44);
        if (shown == 0) centered(g, "none: every example is classified right", w / 2, 90);
        int in = data.inputSize();
        double[] x = data.inputs();
        for (int s = 0; s < shown; s++) {
            int i = wrong[s];
            int ox = 10 + (s % perRow) * tileW + (tileW - cols * scale) / 2;
            int oy = 60 + (s / perRow) * tileH;
            double lo = 0, hi = 1;
            for (int j = 0; j < rows * cols; j++) {
                lo = Math.min(lo, x[i * in + j]);
                hi = Math.max(hi, x[i * in + j]);
            }
            for (int r = 0; r < rows; r++) {
                for (int q = 0; q < cols; q++) {
                    double v = (x[i * in + r * cols + q] - lo) / (hi - lo);
                    int grey = (int) Math.round(255 * (1 - v));
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(ox + q * scale, oy + r * scale, scale, scale);
                }
            }
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(ox - 1, oy - 1, cols * scale + 1, rows * scale + 1);
            g.setColor(new Color(0xB2182B));
            centered(g, c.truth()[i] + " \u2192 " + c.predicted()[i], ox + cols * scale / 2, oy + rows * scale + 18);
        }
        g.dispose();
        write(img, png);
        return shown;
    }

    /** White, with {@code title} centred at the top; ready to draw labels in black. */
    private static Graphics2D canvas(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        centered(g, title, img.getWidth() / 2, 24);
        g.setFont(LABEL);
        return g;
    }

    private static void centered(Graphics2D g, String s, int cx, int baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, cx - fm.stringWidth(s) / 2, baseline);
    }

    private static Color blend(Color a, Color b, double f) {
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** Atomic, as {@link Plots} writes: a reader never sees half a PNG. */
    private static void write(BufferedImage img, Path png) throws IOException {
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".plot", ".png");
        try {
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
