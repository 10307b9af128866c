package io.capstan.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Terraform's colour markup: codes become ANSI (or vanish with -no-color), anything else stays. */
class ColorizeTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "plain text|plain text|plain text",
        "[bold]Plan:[reset] 1|\u001b[1mPlan:\u001b[0m 1\u001b[0m|Plan: 1",
        "  [green]+[reset] create|  \u001b[32m+\u001b[0m create\u001b[0m|  + create",
        "list[0] and map[\"k\"]|list[0] and map[\"k\"]|list[0] and map[\"k\"]",
        "[BOLD]x|[BOLD]x|[BOLD]x",
        "[[bold]]|[\u001b[1m]\u001b[0m|[]",
        "[|[|[",
        "[]|[]|[]",
        "a[bold|a[bold|a[bold",
        "[unknown][green]x[reset_bold]|[unknown]\u001b[32mx\u001b[21m\u001b[0m|[unknown]x",
        "[light_red]-[_default_]|\u001b[91m-\u001b[49m\u001b[0m|-",
        "x [a b] [dim]|x [a b] \u001b[2m\u001b[0m|x [a b] ",
    })
    void replacesOnlyColourNames(String markup, String colored, String plain) {
        assertEquals(colored, new Colorize(true).color(markup));
        assertEquals(plain, new Colorize(false).color(markup));
    }
}
