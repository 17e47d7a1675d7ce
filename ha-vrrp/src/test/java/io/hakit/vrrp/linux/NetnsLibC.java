package io.hakit.vrrp.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** Test-only libc calls: enter a network namespace on the current thread. */
interface NetnsLibC extends Library {
  NetnsLibC INSTANCE = Native.load("c", NetnsLibC.class);
  int O_RDONLY = 0;
  int O_CLOEXEC = 0x80000;
  int CLONE_NEWNET = 0x40000000;

  int open(String path, int flags) throws LastErrorException;

  int setns(int fd, int namespaceType) throws LastErrorException;

  int close(int fd) throws LastErrorException;
}
