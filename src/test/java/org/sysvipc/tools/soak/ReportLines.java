package org.sysvipc.tools.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A soak report read back from its text: each {@code label  value} line after the
 * {@code == soak report ==} header, by label (failure and example lines repeat).
 */
record ReportLines(Map<String, List<String>> values) {
    static ReportLines parse(String text) {
        int start = text.indexOf("== soak report ==");
        if (start < 0) {
            throw new AssertionError("no soak report in:\n" + text);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : text.substring(start).lines().skip(1).toList()) {
            String[] parts = line.split(" {2,}", 2);
            if (parts.length != 2) {
                throw new AssertionError("not a report line: " + line);
            }
            values.computeIfAbsent(parts[0], label -> new ArrayList<>()).add(parts[1].trim());
        }
        return new ReportLines(values);
    }

    /** {@return the value of the one line with {@code label}} */
    String value(String label) {
        List<String> found = values.getOrDefault(label, List.of());
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " lines labelled " + label + " in " + values);
        }
        return found.getFirst();
    }

    /** {@return the number that starts the value of {@code label}, such as 1,234 in "1,234 calls, ..."} */
    long number(String label) {
        return Long.parseLong(value(label).split("[ :]")[0].replace(",", ""));
    }

    List<String> all(String label) {
        return values.getOrDefault(label, List.of());
    }
}
