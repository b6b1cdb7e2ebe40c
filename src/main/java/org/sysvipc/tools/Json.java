package org.sysvipc.tools;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON (RFC 8259) from maps, lists, strings, numbers, booleans and null: the
 * {@code --json} output of the listing and the limits. Objects keep their maps' order.
 */
final class Json {
    private Json() {
    }

    /** {@return {@code value} as JSON text, indented by two spaces a level, with a final newline} */
    static String write(Object value) {
        StringBuilder text = new StringBuilder();
        append(text, value, "");
        return text.append('\n').toString();
    }

    private static void append(StringBuilder text, Object value, String indent) {
        switch (value) {
            case null -> text.append("null");
            case String s -> string(text, s);
            case Boolean b -> text.append(b);
            case Integer i -> text.append(i);
            case Long l -> text.append(l);
            case Map<?, ?> map -> object(text, map, indent);
            case List<?> list -> array(text, list, indent);
            default -> throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder text, Map<?, ?> map, String indent) {
        if (map.isEmpty()) {
            text.append("{}");
            return;
        }
        String inner = indent + "  ";
        text.append("{\n");
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("a JSON object's keys are strings, was " + entry.getKey());
            }
            text.append(first ? "" : ",\n").append(inner);
            string(text, key);
            text.append(": ");
            append(text, entry.getValue(), inner);
            first = false;
        }
        text.append('\n').append(indent).append('}');
    }

    private static void array(StringBuilder text, List<?> list, String indent) {
        if (list.isEmpty()) {
            text.append("[]");
            return;
        }
        String inner = indent + "  ";
        text.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            text.append(i == 0 ? "" : ",\n").append(inner);
            append(text, list.get(i), inner);
        }
        text.append('\n').append(indent).append(']');
    }

    /** A string with the escapes JSON requires: quote, backslash and the control characters. */
    private static void string(StringBuilder text, String s) {
        text.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
