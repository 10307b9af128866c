package io.capstan.hcl.eval;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.MapType;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.HashSet;
import java.util.Set;

/**
 * Attribute access and indexing on values, with HCL's rules and messages ("Unsupported
 * attribute", "Invalid index", "Attempt to index null value"...): unknown collections or
 * keys give unknown results of the element type where it is known, and the marks of the
 * collection and of the key carry over to the result. On error the result is an unknown
 * value and a diagnostic pointing at {@code range} is added.
 */
public final class Traverse {
    private static final String INVALID_INDEX = "Invalid index";
    private static final String NO_ELEMENT = "The given key does not identify an element in this collection value";

    private Traverse() {
    }

    /** {@code obj.name}. */
    /**
     * HCL's {@code Traversal.TraverseRel}: {@code steps} (attributes and literal indexes) applied to
     * {@code v} in turn, stopping at the first error with an unknown result.
     */
    public static Value steps(Value v, java.util.List<io.capstan.hcl.ast.Traverser> steps, Diagnostics diags) {
        return ExprWalker.applySteps(v, steps, diags);
    }

    public static Value getAttr(Value obj, String name, SourceRange range, Diagnostics diags) {
        if (obj.isNull()) {
            return fail(diags, "Attempt to get attribute from null value",
                    "This value is null, so it does not have any attributes.", range);
        }
        Set<Mark> marks = obj.marks();
        Type ty = obj.type();
        if (ty instanceof ObjectType ot) {
            if (!ot.hasAttribute(name)) {
                return fail(diags, "Unsupported attribute",
                        "This object does not have an attribute named \"" + name + "\".", range);
            }
            if (!obj.isKnown()) {
                return Value.unknown(ot.attribute(name)).withMarks(marks);
            }
            return obj.attr(name).withMarks(marks);
        }
        if (ty instanceof MapType mt) {
            if (!obj.isKnown()) {
                return Value.unknown(mt.element()).withMarks(marks);
            }
            Value e = obj.entries().get(name);
            if (e == null) {
                return fail(diags, "Missing map element",
                        "This map does not have an element with the key \"" + name + "\".", range);
            }
            return e.withMarks(marks);
        }
        if (ty == Type.DYNAMIC) {
            return Value.DYNAMIC_UNKNOWN.withMarks(marks);
        }
        String detail;
        if ((ty instanceof ListType || ty instanceof SetType) && ty.elementType() instanceof ObjectType eo) {
            String kind = ty instanceof ListType ? "list" : "set";
            detail = eo.hasAttribute(name)
                    ? "Can't access attributes on a " + kind + " of objects. Did you mean to access attribute \""
                    + name + "\" for a specific element of the " + kind + ", or across all elements of the " + kind + "?"
                    : "Can't access attributes on a " + kind + " of objects. Did you mean to access an attribute for a "
                    + "specific element of the " + kind + ", or across all elements of the " + kind + "?";
        } else if (ty.isPrimitive()) {
            detail = "Can't access attributes on a primitive-typed value (" + ty.friendlyName() + ").";
        } else {
            detail = "This value does not have any attributes.";
        }
        return fail(diags, "Unsupported attribute", detail, range);
    }

    /** {@code collection[key]}. */
    public static Value index(Value collection, Value key, SourceRange range, Diagnostics diags) {
        if (collection.isNull()) {
            return fail(diags, "Attempt to index null value", "This value is null, so it does not have any indices.", range);
        }
        if (key.isNull()) {
            return fail(diags, INVALID_INDEX, "Can't use a null value as an indexing key.", range);
        }
        Set<Mark> marks = new HashSet<>(collection.marks());
        marks.addAll(key.marks());
        Type ty = collection.type();
        if (key.type() == Type.DYNAMIC || ty == Type.DYNAMIC) {
            return Value.DYNAMIC_UNKNOWN.withMarks(marks);
        }
        if (ty instanceof ListType || ty instanceof TupleType || ty instanceof MapType) {
            Type want = ty instanceof MapType ? Type.STRING : Type.NUMBER;
            Value k;
            try {
                k = Convert.convert(key.unmark(), want);
            } catch (ConversionException e) {
                return fail(diags, INVALID_INDEX, NO_ELEMENT + ": " + e.describe() + ".", range);
            }
            if (!collection.isKnown() || !k.isKnown()) {
                Type et = ty instanceof TupleType ? Type.DYNAMIC : ty.elementType();
                return Value.unknown(et).withMarks(marks);
            }
            if (ty instanceof MapType) {
                Value e = collection.entries().get(k.asString());
                if (e == null) {
                    return fail(diags, INVALID_INDEX, NO_ELEMENT + ".", range);
                }
                return e.withMarks(marks);
            }
            BigNumber n = k.asNumber();
            int len = collection.length();
            if (n.isInteger() && !n.isNegative() && n.compareTo(BigNumber.of(len)) < 0) {
                return collection.elements().get(n.intValue()).withMarks(marks);
            }
            String detail = NO_ELEMENT + ".";
            if (!n.isInteger() && !n.isInfinite()) {
                detail = NO_ELEMENT + ": indexing a sequence requires a whole number, but the given index has a "
                        + "fractional part.";
            } else if (n.isNegative()) {
                detail = NO_ELEMENT + ": a negative number is not a valid index for a sequence.";
            } else if (n.subtract(BigNumber.of(len)).compareTo(BigNumber.ONE) < 0) {
                // HCL's quirk: the specific message only when the index is exactly the length.
                detail = len == 0 ? NO_ELEMENT + ": the collection has no elements."
                        : NO_ELEMENT + ": the given index is greater than or equal to the length of the collection.";
            }
            return fail(diags, INVALID_INDEX, detail, range);
        }
        if (ty instanceof ObjectType ot) {
            boolean wasNumber = key.type() == Type.NUMBER;
            Value k;
            try {
                k = Convert.convert(key.unmark(), Type.STRING);
            } catch (ConversionException e) {
                return fail(diags, INVALID_INDEX, NO_ELEMENT + ": " + e.describe() + ".", range);
            }
            if (!collection.isKnown() || !k.isKnown()) {
                return Value.DYNAMIC_UNKNOWN.withMarks(marks);
            }
            String name = k.asString();
            if (!ot.hasAttribute(name)) {
                return fail(diags, INVALID_INDEX, NO_ELEMENT + "." + (wasNumber
                        ? " An object only supports looking up attributes by name, not by numeric index." : ""), range);
            }
            return collection.attr(name).withMarks(marks);
        }
        if (ty instanceof SetType) {
            return fail(diags, INVALID_INDEX, "Elements of a set are identified only by their value and don't have any "
                    + "separate index or key to select with, so it's only possible to perform operations across all "
                    + "elements of the set.", range);
        }
        return fail(diags, INVALID_INDEX, "This value does not have any indices.", range);
    }

    static Value fail(Diagnostics diags, String summary, String detail, SourceRange range) {
        diags.add(Diagnostic.error(summary, detail, range));
        return Value.DYNAMIC_UNKNOWN;
    }
}
