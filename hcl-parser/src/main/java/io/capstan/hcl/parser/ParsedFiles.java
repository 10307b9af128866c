package io.capstan.hcl.parser;

import io.capstan.hcl.body.Body;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Syntax trees of configuration files that parsed without a diagnostic, keyed by file name and
 * exact content: a command reads the root module more than once (its backend block, then the
 * module), and a resident process plans the same files run after run. The key is the content
 * itself (a copy), so an edited file is parsed afresh; trees are immutable and safe to share.
 * Bounded by the total size of the sources held (least recently used go first).
 */
final class ParsedFiles {
    /** Total source bytes kept: a few large configurations, so a resident process stays small. */
    static final int MAX_BYTES = 1 << 20;

    private record Key(String filename, byte[] content, int hash) {
        static Key of(String filename, byte[] content) {
            return new Key(filename, content, 31 * filename.hashCode() + Arrays.hashCode(content));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && filename.equals(k.filename)
                    && Arrays.equals(content, k.content);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final Map<Key, Body> TREES = new LinkedHashMap<>(16, 0.75f, true);
    private static int bytes;

    private ParsedFiles() {
    }

    /** The tree of a clean parse of exactly these bytes under this name, or null. */
    static synchronized Body get(String filename, byte[] src) {
        return TREES.get(Key.of(filename, src));
    }

    /** Keeps the tree of a parse without diagnostics. */
    static synchronized void put(String filename, byte[] src, Body body) {
        if (src.length > MAX_BYTES) {
            return;
        }
        Key k = Key.of(filename, src.clone());
        if (TREES.put(k, body) == null) {
            bytes += src.length;
        }
        for (Iterator<Key> it = TREES.keySet().iterator(); bytes > MAX_BYTES && it.hasNext(); ) {
            bytes -= it.next().content().length;
            it.remove();
        }
    }

    /** Forgets every tree (tests). */
    static synchronized void clear() {
        TREES.clear();
        bytes = 0;
    }

    static synchronized int size() {
        return TREES.size();
    }
}
