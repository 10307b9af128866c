package io.capstan.cli.engine;

import io.capstan.engine.plan.ChangeListener;

/** Where a command's progress goes: human lines ({@link ProgressPrinter}) or JSON lines ({@link JsonProgress}). */
public interface ProgressSink extends ChangeListener, AutoCloseable {
    @Override
    void close();
}
