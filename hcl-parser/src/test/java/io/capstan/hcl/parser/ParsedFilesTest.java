package io.capstan.hcl.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.capstan.hcl.body.File;
import io.capstan.hcl.body.SyntaxBody;
import io.capstan.hcl.diag.Result;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A file parsed again gives the tree of its current content, under its current name, with its diagnostics. */
class ParsedFilesTest {
    private static byte[] src(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String firstBlockLabel(Result<File> r) {
        return ((SyntaxBody) r.value().body()).blocks().get(0).labels().get(1);
    }

    @BeforeEach
    void empty() {
        ParsedFiles.clear();
    }

    @Test
    void theSameContentIsParsedOnce() {
        Result<File> a = HclParser.parseConfig(src("resource \"t\" \"a\" {}\n"), "main.tf");
        Result<File> b = HclParser.parseConfig(src("resource \"t\" \"a\" {}\n"), "main.tf");
        assertSame(a.value().body(), b.value().body());
        assertEquals("a", firstBlockLabel(b));
    }

    @Test
    void anEditedFileIsParsedAfresh() {
        byte[] text = src("resource \"t\" \"a\" {}\n");
        HclParser.parseConfig(text, "main.tf");
        text[14] = 'b'; // the caller reuses its buffer: what was kept must not change with it
        assertEquals("b", firstBlockLabel(HclParser.parseConfig(text, "main.tf")));
        assertEquals("a", firstBlockLabel(HclParser.parseConfig(src("resource \"t\" \"a\" {}\n"), "main.tf")));
    }

    @Test
    void anotherNameGetsItsOwnRanges() {
        HclParser.parseConfig(src("resource \"t\" \"a\" {}\n"), "main.tf");
        Result<File> other = HclParser.parseConfig(src("resource \"t\" \"a\" {}\n"), "other.tf");
        assertEquals("other.tf", ((SyntaxBody) other.value().body()).blocks().get(0).typeRange().filename());
    }

    @Test
    void aFileWithErrorsReportsThemEveryTime() {
        for (int i = 0; i < 2; i++) {
            Result<File> r = HclParser.parseConfig(src("resource \"t\" {\n"), "bad.tf");
            assertFalse(r.diagnostics().isEmpty(), "parse " + i);
        }
        assertEquals(0, ParsedFiles.size());
    }

    @Test
    void heldSourcesStayWithinTheBound() {
        String pad = "#".repeat(ParsedFiles.MAX_BYTES / 3) + "\n";
        for (int i = 0; i < 5; i++) {
            HclParser.parseConfig(src(pad + "locals { x = " + i + " }\n"), "big.tf");
        }
        assertEquals(2, ParsedFiles.size(), "the three most recent would exceed the bound");
    }
}
