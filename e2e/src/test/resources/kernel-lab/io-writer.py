# A client's verifiable write stream on the shared file system: every record carries a sequence
# number, a timestamp, random payload and a checksum over them, and is fsync'd before its sequence
# number is acknowledged in a log on the initiator's own disk. After a failover, every acknowledged
# record must be on the file system, intact: `verify` checks that, and reports the longest pause
# between two acknowledgements (the I/O pause the failover caused).
import hashlib
import os
import sys
import time


def checksum(body):
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def write(data, acks):
    fd = os.open(data, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    ack = open(acks, "a", buffering=1)
    seq = 0
    while True:
        body = "%d %.3f %s" % (seq, time.time(), os.urandom(16).hex())
        os.write(fd, ("%s %s\n" % (body, checksum(body))).encode())
        os.fsync(fd)
        ack.write("%d %.3f\n" % (seq, time.time()))
        seq += 1
        time.sleep(0.2)


def verify(data, acks, since):
    acked = []
    with open(acks) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                acked.append((int(parts[0]), float(parts[1])))
    found, corrupt = set(), 0
    with open(data) as f:
        for line in f:
            parts = line.split()
            if len(parts) != 4 or checksum(" ".join(parts[:3])) != parts[3]:
                corrupt += 1
                continue
            found.add(int(parts[0]))
    missing = [s for s, _ in acked if s not in found]
    window = [t for _, t in acked if t >= since]
    pause = max((b - a for a, b in zip(window, window[1:])), default=0.0)
    print("acked=%d found=%d missing=%d corrupt=%d pause=%.1f" % (
        len(acked), len(found), len(missing), corrupt, pause))
    if missing:
        print("first missing: %s" % missing[:10])


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    else:
        verify(sys.argv[2], sys.argv[3], float(sys.argv[4]))
