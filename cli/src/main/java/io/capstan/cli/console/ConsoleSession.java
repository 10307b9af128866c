package io.capstan.cli.console;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.Value;
import java.util.Objects;

/**
 * One console session, as Terraform's {@code repl.Session}: each input is parsed as an
 * expression, its references checked, evaluated in the scope and rendered with
 * {@link ValueFormatter}; {@code exit} ends the session. Also tells whether an input is
 * incomplete (brackets or a heredoc still open) so the terminal can ask for more lines.
 */
public final class ConsoleSession {
    /** What one input produced: the text to print, the errors, or the request to exit. */
    public record Outcome(String output, Diagnostics diagnostics, boolean exit) {
    }

    private final ConsoleScope scope;

    public ConsoleSession(ConsoleScope scope) {
        this.scope = Objects.requireNonNull(scope);
    }

    public Outcome handle(String input) {
        String line = input.strip();
        if (line.equals("exit")) {
            return new Outcome("", new Diagnostics(), true);
        }
        if (line.isEmpty()) {
            return new Outcome("", new Diagnostics(), false);
        }
        if (line.equals("help")) {
            return new Outcome("The Capstan console allows you to experiment with expressions.\n"
                    + "Type an expression and press enter to evaluate it; \"exit\" leaves the console.",
                    new Diagnostics(), false);
        }
        Result<Expression> parsed = HclParser.parseExpression(line, "<console-input>");
        if (parsed.hasErrors() || parsed.value() == null) {
            return new Outcome("", parsed.diagnostics(), false);
        }
        Result<Value> r = scope.evaluate(parsed.value());
        if (r.hasErrors()) {
            return new Outcome("", r.diagnostics(), false);
        }
        return new Outcome(ValueFormatter.format(r.value()), r.diagnostics(), false);
    }

    /** True while brackets, parentheses, braces, a string or a heredoc are still open. */
    public static boolean incomplete(String text) {
        int depth = 0;
        boolean inString = false;
        String heredoc = null;
        String[] lines = text.split("\n", -1);
        for (String line : lines) {
            if (heredoc != null) {
                if (line.strip().equals(heredoc)) {
                    heredoc = null;
                }
                continue;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                    continue;
                }
                switch (c) {
                    case '"' -> inString = true;
                    case '(', '[', '{' -> depth++;
                    case ')', ']', '}' -> depth--;
                    case '#' -> i = line.length();
                    case '<' -> {
                        if (line.startsWith("<<", i)) {
                            String rest = line.substring(i + 2).replaceFirst("^-", "").strip();
                            if (!rest.isEmpty() && rest.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
                                heredoc = rest;
                                i = line.length();
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            inString = false;
        }
        return depth > 0 || heredoc != null;
    }

    /** Terraform's plain-text rendering of a diagnostic for console input (no source snippet). */
    public static String render(Diagnostic d) {
        StringBuilder sb = new StringBuilder("\n");
        sb.append(d.isError() ? "Error: " : "Warning: ").append(d.summary()).append("\n\n");
        if (d.subject() != null) {
            sb.append("  on ").append(d.subject().filename()).append(" line ").append(d.subject().start().line())
                    .append(":\n  (source code not available)\n\n");
        }
        if (!d.detail().isEmpty()) {
            sb.append(wrap(d.detail(), 78)).append('\n');
        }
        return sb.append('\n').toString();
    }

    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String para : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            int col = 0;
            for (String word : para.split(" ")) {
                if (col > 0 && col + 1 + word.length() > width) {
                    out.append('\n');
                    col = 0;
                } else if (col > 0) {
                    out.append(' ');
                    col++;
                }
                out.append(word);
                col += word.length();
            }
        }
        return out.toString();
    }
}
