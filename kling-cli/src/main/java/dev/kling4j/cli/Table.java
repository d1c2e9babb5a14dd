package dev.kling4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table whose columns are as wide as their widest cell, squeezed to a width when asked: the last
 * column (a path, most often) is cut first, keeping its end; then the others, longest first, keeping their start.
 */
final class Table {
    /** A cut column keeps at least this many characters. */
    private static final int MIN_COLUMN = 6;

    private Table() {}

    /**
     * Renders rows (the first is the header).
     *
     * @param rows the cells, every row as long as the header
     * @param width the most characters a line may have ({@link Integer#MAX_VALUE} for no limit)
     * @return the lines
     */
    static List<String> render(List<String[]> rows, int width) {
        int columns = rows.get(0).length;
        int[] w = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                w[c] = Math.max(w[c], row[c].length());
            }
        }
        int over = total(w) - width;
        // The last column first: a path keeps its end, which names the file.
        if (over > 0) {
            int cut = Math.min(over, Math.max(0, w[columns - 1] - MIN_COLUMN));
            w[columns - 1] -= cut;
            over -= cut;
        }
        while (over > 0) {
            int widest = 0;
            for (int c = 1; c < columns - 1; c++) {
                if (w[c] > w[widest]) {
                    widest = c;
                }
            }
            if (w[widest] <= MIN_COLUMN) {
                break;
            }
            w[widest]--;
            over--;
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = c == columns - 1 ? keepEnd(row[c], w[c]) : Reporter.fit(row[c], w[c]);
                line.append(cell);
                if (c < columns - 1) {
                    line.append(" ".repeat(w[c] - cell.length() + 1));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static int total(int[] w) {
        long sum = w.length - 1L;
        for (int x : w) {
            sum += x;
        }
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    private static String keepEnd(String text, int width) {
        return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
    }
}
