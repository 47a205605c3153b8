/**
 * Internals of the netty IPC backend: not api, may change in any release. {@link
 * dev.mproc.ipc.netty.internal.SocketChildConnector} is public only because a child loads it by name.
 */
package dev.mproc.ipc.netty.internal;
