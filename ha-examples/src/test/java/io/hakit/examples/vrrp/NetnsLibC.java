package io.hakit.examples.vrrp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** Test-only libc calls: enter a namespace (setns) and send hand-made packets. */
interface NetnsLibC extends Library {
  NetnsLibC INSTANCE = Native.load("c", NetnsLibC.class);

  int open(String path, int flags) throws LastErrorException;

  int setns(int fd, int type) throws LastErrorException;

  int socket(int domain, int type, int protocol) throws LastErrorException;

  int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

  long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength) throws LastErrorException;

  int close(int fd) throws LastErrorException;
}
