package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Netty's JFR events are off in plugin hosts and plugins unless the JVM was told otherwise. */
class NettyEventsTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(NettyEvents.JFR_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(NettyEvents.JFR_PROPERTY);
        } else {
            System.setProperty(NettyEvents.JFR_PROPERTY, saved);
        }
    }

    @Test
    void offSetsTheSwitchToFalseWhenUnset() {
        System.clearProperty(NettyEvents.JFR_PROPERTY);
        NettyEvents.off();
        assertThat(System.getProperty(NettyEvents.JFR_PROPERTY)).isEqualTo("false");
    }

    @Test
    void offKeepsWhatTheJvmWasStartedWith() {
        System.setProperty(NettyEvents.JFR_PROPERTY, "true");
        NettyEvents.off();
        assertThat(System.getProperty(NettyEvents.JFR_PROPERTY)).isEqualTo("true");
    }

    @Test
    void theLauncherAndTheServerTurnThemOffBeforeUsingNetty() throws Exception {
        // both classes are initialised by now or here; either way their static initialisers ran off()
        Class.forName(PluginLauncher.class.getName(), true, getClass().getClassLoader());
        Class.forName(PluginServer.class.getName(), true, getClass().getClassLoader());
        assertThat(saved == null ? System.getProperty(NettyEvents.JFR_PROPERTY) : saved).isNotNull();
        // the relocated name is the one the shaded Netty reads
        assertThat(io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent.class.getName())
                .startsWith(NettyEvents.JFR_PROPERTY.substring(0, NettyEvents.JFR_PROPERTY.indexOf(".jfr.")));
    }
}
