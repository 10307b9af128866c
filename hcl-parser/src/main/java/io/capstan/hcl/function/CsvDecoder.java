package io.capstan.hcl.function;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV as Go's encoding/csv reads it: quoted fields, blank lines skipped, strict quotes. */
final class CsvDecoder {
    private CsvDecoder() {
    }

    static List<List<String>> parse(String s) {
        List<List<String>> rows = new ArrayList<>();
        int i = 0;
        int n = s.length();
        int line = 1;
        while (i < n) {
            if (s.charAt(i) == '\n' || s.startsWith("\r\n", i)) {
                i += s.charAt(i) == '\n' ? 1 : 2;
                line++;
                continue;
            }
            List<String> row = new ArrayList<>();
            while (true) {
                StringBuilder f = new StringBuilder();
                if (i < n && s.charAt(i) == '"') {
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new FunctionException("parse error on line " + line + ", column " + (i + 1)
                                    + ": extraneous or missing \" in quoted-field");
                        }
                        char c = s.charAt(i++);
                        if (c == '"') {
                            if (i < n && s.charAt(i) == '"') {
                                f.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            if (c == '\n') {
                                line++;
                            }
                            f.append(c);
                        }
                    }
                    if (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                        throw new FunctionException("parse error on line " + line + ": extraneous or missing \" in quoted-field");
                    }
                } else {
                    while (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && !s.startsWith("\r\n", i)) {
                        char c = s.charAt(i++);
                        if (c == '"') {
                            throw new FunctionException("parse error on line " + line + ": bare \" in non-quoted-field");
                        }
                        f.append(c);
                    }
                }
                row.add(f.toString());
                if (i < n && s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                break;
            }
            rows.add(row);
            if (i < n) {
                i += s.charAt(i) == '\n' ? 1 : 2;
                line++;
            }
        }
        return rows;
    }
}
