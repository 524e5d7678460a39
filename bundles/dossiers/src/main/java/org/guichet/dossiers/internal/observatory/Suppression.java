package org.guichet.dossiers.internal.observatory;

import java.util.Arrays;
import java.util.List;

/**
 * Which counts are hidden. Primary: a count from 1 to {@code minimumCell - 1} (0 tells nothing of anyone).
 * Complementary: in a group of cells whose total is shown elsewhere (channels and submissions, outcomes and
 * decisions…), one hidden cell would be the total minus the others: then the smallest other cell is hidden too.
 */
public final class Suppression {
    private Suppression() { }

    public static boolean small(long count, int minimumCell) {
        return count > 0 && count < minimumCell;
    }

    /** The cells of a group to hide, in the group's order. */
    public static boolean[] group(List<Long> counts, int minimumCell) {
        boolean[] hidden = new boolean[counts.size()];
        int n = 0;
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = small(counts.get(i), minimumCell);
            n += hidden[i] ? 1 : 0;
        }
        if (n == 1 && hidden.length > 1) {
            int smallest = -1;
            for (int i = 0; i < hidden.length; i++) {
                if (!hidden[i] && (smallest < 0 || counts.get(i) < counts.get(smallest))) {
                    smallest = i;
                }
            }
            hidden[smallest] = true;
        }
        return hidden;
    }

    /** For tests and logs. */
    static String show(boolean[] hidden) {
        return Arrays.toString(hidden);
    }
}
