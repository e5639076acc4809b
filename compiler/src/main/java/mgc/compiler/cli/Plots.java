package mgc.compiler.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.DoubleBinaryOperator;
import mgc.runtime.train.TestEvaluation;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Training plots, rendered headless with JFreeChart: the loss (and accuracy) per step, and for
 * models with a 2-D input the decision regions over the data, like micrograd's demo notebook.
 */
public final class Plots {
    private static final Color[] CLASS_COLORS = {
        new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C), new Color(0xFF7F0E), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F)
    };

    private Plots() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Writes {@code loss.png}: loss per step (left axis) and, when given, accuracy per step (right axis). */
    public static void lossCurve(double[] loss, double[] accuracy, Path png) throws IOException {
        lossCurve(loss, accuracy, null, png);
    }

    /**
     * Writes {@code loss.png}: the training loss per step (left axis), the training accuracy where measured
     * (right axis) and, with a test curve, the test loss and accuracy after each epoch (dashed, with markers).
     */
    public static void lossCurve(double[] loss, double[] accuracy, TestEvaluation.Curve test, Path png) throws IOException {
        XYSeries lossSeries = new XYSeries("train loss");
        for (int i = 0; i < loss.length; i++) if (Double.isFinite(loss[i])) lossSeries.add(i + 1, loss[i]);
        XYSeriesCollection losses = new XYSeriesCollection(lossSeries);
        XYLineAndShapeRenderer lossRenderer = lineRenderer(new Color(0x1F77B4));
        if (test != null) {
            XYSeries t = new XYSeries("test loss");
            for (int i = 0; i < test.size(); i++) if (Double.isFinite(test.loss()[i])) t.add(test.steps()[i], test.loss()[i]);
            losses.addSeries(t);
            testStyle(lossRenderer, 1, new Color(0x17BECF));
        }
        XYPlot plot = new XYPlot(losses, new NumberAxis("step"), new NumberAxis("loss"), lossRenderer);
        if (accuracy != null) {
            XYSeries acc = new XYSeries("train accuracy");
            for (int i = 0; i < accuracy.length; i++) if (Double.isFinite(accuracy[i])) acc.add(i + 1, accuracy[i]);
            XYSeriesCollection accs = new XYSeriesCollection(acc);
            XYLineAndShapeRenderer accRenderer = lineRenderer(new Color(0xD62728));
            if (test != null) {
                XYSeries t = new XYSeries("test accuracy");
                for (int i = 0; i < test.size(); i++)
                    if (Double.isFinite(test.accuracy()[i])) t.add(test.steps()[i], test.accuracy()[i]);
                accs.addSeries(t);
                testStyle(accRenderer, 1, new Color(0xFF7F0E));
            }
            NumberAxis accAxis = new NumberAxis("accuracy");
            accAxis.setRange(0.0, 1.05);
            plot.setRangeAxis(1, accAxis);
            plot.setDataset(1, accs);
            plot.mapDatasetToRangeAxis(1, 1);
            plot.setRenderer(1, accRenderer);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        write(new JFreeChart("Training", JFreeChart.DEFAULT_TITLE_FONT, plot, true), png, 800, 500);
    }

    private static void testStyle(XYLineAndShapeRenderer r, int series, Color color) {
        r.setSeriesPaint(series, color);
        r.setSeriesStroke(series, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
        r.setSeriesShapesVisible(series, true);
    }

    /**
     * Writes {@code decision.png}: the class the model predicts over a grid covering the data (light
     * colours) with the data points on top (strong colours).
     *
     * @param predictClass (x0, x1) → class index (0, 1, ...)
     * @param points       n × 2 coordinates, row-major
     * @param classes      each point's true class index
     */
    public static void decisionBoundary(DoubleBinaryOperator predictClass, double[] points, int[] classes,
                                        int classCount, Path png) throws IOException {
        int n = classes.length;
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, points[2 * i]);
            maxX = Math.max(maxX, points[2 * i]);
            minY = Math.min(minY, points[2 * i + 1]);
            maxY = Math.max(maxY, points[2 * i + 1]);
        }
        double padX = Math.max(0.25, (maxX - minX) * 0.1), padY = Math.max(0.25, (maxY - minY) * 0.1);
        minX -= padX;
        maxX += padX;
        minY -= padY;
        maxY += padY;
        int grid = 150;
        double dx = (maxX - minX) / grid, dy = (maxY - minY) / grid;
        double[][] cells = new double[3][grid * grid];
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                int k = i * grid + j;
                double x = minX + (i + 0.5) * dx, y = minY + (j + 0.5) * dy;
                cells[0][k] = x;
                cells[1][k] = y;
                cells[2][k] = predictClass.applyAsDouble(x, y);
            }
        }
        DefaultXYZDataset regions = new DefaultXYZDataset();
        regions.addSeries("prediction", cells);
        XYBlockRenderer blocks = new XYBlockRenderer();
        blocks.setBlockWidth(dx);
        blocks.setBlockHeight(dy);
        blocks.setPaintScale(new ClassPaintScale(classCount));

        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries[] byClass = new XYSeries[classCount];
        for (int c = 0; c < classCount; c++) {
            byClass[c] = new XYSeries("class " + c);
            data.addSeries(byClass[c]);
        }
        for (int i = 0; i < n; i++) {
            int c = Math.max(0, Math.min(classCount - 1, classes[i]));
            byClass[c].add(points[2 * i], points[2 * i + 1]);
        }
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        for (int c = 0; c < classCount; c++) dots.setSeriesPaint(c, CLASS_COLORS[c % CLASS_COLORS.length].darker());

        NumberAxis xAxis = new NumberAxis("x0");
        NumberAxis yAxis = new NumberAxis("x1");
        xAxis.setRange(minX, maxX);
        yAxis.setRange(minY, maxY);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, dots);
        plot.setDataset(1, regions);
        plot.setRenderer(1, blocks);
        // the default (REVERSE) order draws dataset 0, the points, over the regions
        blocks.setDefaultSeriesVisibleInLegend(false);
        plot.setBackgroundPaint(Color.WHITE);
        write(new JFreeChart("Decision regions", JFreeChart.DEFAULT_TITLE_FONT, plot, true), png, 700, 650);
    }

    private static XYLineAndShapeRenderer lineRenderer(Color color) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, color);
        r.setSeriesStroke(0, new BasicStroke(2f));
        return r;
    }

    /** Atomic: a reader never sees half a PNG. */
    private static void write(JFreeChart chart, Path png, int w, int h) throws IOException {
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".plot", ".png");
        try {
            ChartUtils.saveChartAsPNG(tmp.toFile(), chart, w, h);
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private record ClassPaintScale(int classes) implements PaintScale {
        @Override public double getLowerBound() { return 0; }
        @Override public double getUpperBound() { return Math.max(1, classes - 1); }
        @Override public Paint getPaint(double v) {
            int c = (int) Math.max(0, Math.min(classes - 1, Math.round(v)));
            Color base = CLASS_COLORS[c % CLASS_COLORS.length];
            return new Color((base.getRed() + 3 * 255) / 4, (base.getGreen() + 3 * 255) / 4, (base.getBlue() + 3 * 255) / 4);
        }
    }
}
