package io.capstan.engine.plan;

import io.capstan.hcl.value.Value;

/** A root output's planned change: before (null value when new) and after (null value when removed). */
public record OutputChange(String name, Action action, Value before, Value after, boolean sensitive) {
}
