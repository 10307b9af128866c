package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of a JSON document (the HCL JSON syntax), with source ranges. Object
 * properties keep their order and duplicates, since their meaning depends on the schema.
 */
public sealed interface JsonValue {
    SourceRange range();

    record Str(String value, SourceRange range) implements JsonValue {
        public Str {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(range, "range");
        }
    }

    record Num(BigDecimal value, SourceRange range) implements JsonValue {
        public Num {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(range, "range");
        }
    }

    record Bool(boolean value, SourceRange range) implements JsonValue {
        public Bool {
            Objects.requireNonNull(range, "range");
        }
    }

    record Null(SourceRange range) implements JsonValue {
        public Null {
            Objects.requireNonNull(range, "range");
        }
    }

    record Arr(List<JsonValue> items, SourceRange range, SourceRange openRange) implements JsonValue {
        public Arr {
            items = List.copyOf(items);
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(openRange, "openRange");
        }
    }

    record Obj(List<Prop> props, SourceRange range, SourceRange openRange) implements JsonValue {
        public Obj {
            props = List.copyOf(props);
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(openRange, "openRange");
        }
    }

    /** One {@code "name": value} property of an object. */
    record Prop(String name, SourceRange nameRange, JsonValue value) {
        public Prop {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(nameRange, "nameRange");
            Objects.requireNonNull(value, "value");
        }
    }
}
