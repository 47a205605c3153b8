/**
 * Internal: the default {@link dev.mproc.spi.Codec} (a compact tagged binary form for common values, with
 * filtered Java serialization as the fallback) and its helpers. This package is not part of the api; its
 * classes may change or disappear in any release, and applications should obtain a codec through the
 * public api or the SPI instead of referring to these types directly.
 */
package dev.mproc.internal.codec;
