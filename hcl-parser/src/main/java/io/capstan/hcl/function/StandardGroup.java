package io.capstan.hcl.function;

import java.util.List;

/**
 * The built-in functions in groups of one registering class each, with the names each group
 * registers, so that {@link FunctionRegistry#standard()} can answer {@code has} and
 * {@code names} without building any function and build a group only when one of its
 * functions is first looked up. Registering a group links every lambda of its class (about 140
 * call sites in all, a fifth of the CLI's first-call set-up), while a configuration uses a
 * handful of functions. {@code StandardGroupTest} keeps each list equal to what its class
 * registers.
 */
enum StandardGroup {
    STRING("chomp", "endswith", "indent", "join", "lower", "split", "startswith", "strcontains", "strrev",
            "substr", "title", "trim", "trimprefix", "trimspace", "trimsuffix", "upper"),
    NUMERIC("abs", "ceil", "floor", "log", "max", "min", "parseint", "pow", "range", "signum", "sum"),
    COLLECTION("alltrue", "anytrue", "chunklist", "coalesce", "coalescelist", "compact", "concat", "contains",
            "distinct", "element", "flatten", "index", "keys", "length", "matchkeys", "one", "reverse", "slice",
            "sort", "transpose", "values", "zipmap"),
    MAP("lookup", "merge"),
    SET("setintersection", "setproduct", "setsubtract", "setunion"),
    ENCODING("base64decode", "base64encode", "base64gzip", "csvdecode", "jsondecode", "jsonencode",
            "textdecodebase64", "textencodebase64", "urlencode", "yamldecode", "yamlencode"),
    CRYPTO("base64sha256", "base64sha512", "bcrypt", "md5", "rsadecrypt", "sha1", "sha256", "sha512", "uuid",
            "uuidv5"),
    FILE("abspath", "basename", "dirname", "file", "filebase64", "filebase64sha256", "filebase64sha512",
            "fileexists", "filemd5", "fileset", "filesha1", "filesha256", "filesha512", "pathexpand"),
    DATETIME("formatdate", "plantimestamp", "timeadd", "timecmp", "timestamp"),
    NETWORK("cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets"),
    TYPE("ephemeralasnull", "issensitive", "nonsensitive", "sensitive", "tobool", "tolist", "tomap", "tonumber",
            "toset", "tostring", "type"),
    REGEX("regex", "regexall", "replace"),
    FORMAT("format", "formatlist"),
    TEMPLATE("templatefile", "templatestring");

    private final List<String> names;

    StandardGroup(String... names) {
        this.names = List.of(names);
    }

    /** The names of the functions {@link #register} adds, sorted. */
    List<String> names() {
        return names;
    }

    /** Adds this group's functions to {@code r} (a plain switch: no lambda to link for it). */
    void register(FunctionRegistry r) {
        switch (this) {
            case STRING -> StringFunctions.register(r);
            case NUMERIC -> NumericFunctions.register(r);
            case COLLECTION -> CollectionFunctions.register(r);
            case MAP -> MapFunctions.register(r);
            case SET -> SetFunctions.register(r);
            case ENCODING -> EncodingFunctions.register(r);
            case CRYPTO -> CryptoFunctions.register(r);
            case FILE -> FileFunctions.register(r);
            case DATETIME -> DateTimeFunctions.register(r);
            case NETWORK -> NetworkFunctions.register(r);
            case TYPE -> TypeFunctions.register(r);
            case REGEX -> RegexFunctions.register(r);
            case FORMAT -> FormatFunctions.register(r);
            case TEMPLATE -> TemplateFunctions.register(r);
            default -> throw new IllegalStateException(name());
        }
    }
}
