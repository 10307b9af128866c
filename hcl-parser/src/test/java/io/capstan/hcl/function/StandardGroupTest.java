package io.capstan.hcl.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The lazily built standard registry behaves as if every function had been built up front. */
class StandardGroupTest {
    private static final FunctionContext CTX = FunctionContext.of(Path.of("."));

    @ParameterizedTest
    @EnumSource(StandardGroup.class)
    void eachGroupListsExactlyTheFunctionsItRegisters(StandardGroup g) {
        FunctionRegistry r = new FunctionRegistry();
        g.register(r);
        assertThat(r.names()).containsExactlyElementsOf(g.names());
    }

    @Test
    void namesAndHasAnswerWithoutBuildingAndEveryNameResolves() {
        FunctionRegistry r = FunctionRegistry.standard();
        Set<String> expected = new TreeSet<>();
        for (StandardGroup g : StandardGroup.values()) {
            expected.addAll(g.names());
        }
        assertThat(r.names()).containsExactlyElementsOf(expected).hasSize(117);
        for (String n : expected) {
            assertThat(r.has(n)).as(n).isTrue();
            assertThat(r.get(n)).as(n).isNotNull().extracting(Function::name).isEqualTo(n);
        }
        assertThat(r.has("nosuch")).isFalse();
        assertThat(r.get("nosuch")).isNull();
        assertThat(r.names()).containsExactlyElementsOf(expected);
    }

    @Test
    void aFunctionAddedBeforeItsGroupIsBuiltKeepsItsPlace() {
        Function mine = Function.builder("upper").param("s", Type.STRING).returns(Type.STRING)
                .impl((args, ret, ctx) -> Value.of("mine")).build();
        FunctionRegistry r = FunctionRegistry.standard().add(mine);
        assertThat(r.call("lower", List.of(Value.of("AB")), CTX).value()).isEqualTo(Value.of("ab"));
        assertThat(r.get("upper")).isSameAs(mine);
        assertThat(r.call("upper", List.of(Value.of("x")), CTX).value()).isEqualTo(Value.of("mine"));
        assertThat(r.call("core::upper", List.of(Value.of("x")), CTX).value()).isEqualTo(Value.of("mine"));
    }

    @Test
    void concurrentFirstLookupsAllSeeTheFunction() throws Exception {
        FunctionRegistry r = FunctionRegistry.standard();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Value>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(pool.submit(() -> r.call("length", List.of(Value.of("abc")), CTX).value()));
            }
            for (Future<Value> f : calls) {
                assertThat(f.get()).isEqualTo(Value.of(3));
            }
        } finally {
            pool.shutdown();
        }
    }
}
