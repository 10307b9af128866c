package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginLogForwarderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "`{\"@level\":\"warn\",\"@message\":\"slow API\",\"@module\":\"provider\",\"@timestamp\":\"t\"}`;"
                + " warn; provider: slow API",
        "`{\"@level\":\"error\",\"@message\":\"boom\",\"tf_rpc\":\"ApplyResourceChange\",\"n\":3}`;"
                + " error; boom tf_rpc=ApplyResourceChange n=3",
        "`{\"@level\":\"trace\",\"@message\":\"x\"}`; trace; x",
        "`Starting github.com/hashicorp/terraform-provider-aws@5.100.0`; debug;"
                + " Starting github.com/hashicorp/terraform-provider-aws@5.100.0",
        "`{\"@level\": broken json`; debug; {\"@level\": broken json",
    })
    void hclogJsonLinesKeepTheirLevelAndTextLinesStayAsTheyAre(String line, String level, String message) {
        PluginLogForwarder.LogLine l = PluginLogForwarder.parse(line);
        assertThat(l.level()).isEqualTo(level);
        assertThat(l.message()).isEqualTo(message);
    }

    @Test
    void tailKeepsTheLastLinesForErrorMessages() {
        OutputTail tail = new OutputTail(3);
        PluginLogForwarder f = new PluginLogForwarder("example/tail", tail);
        for (int i = 1; i <= 5; i++) {
            f.accept("line " + i);
        }
        f.accept("   ");
        assertThat(tail.lines()).containsExactly("line 3", "line 4", "line 5");
        assertThat(tail.render()).isEqualTo("  line 3\n  line 4\n  line 5");
        assertThat(new OutputTail(3).render()).contains("wrote nothing");
    }
}
