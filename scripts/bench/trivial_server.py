"""A trivial HTTP/1.1 server (stdlib asyncio) that answers every request with the same small JSON.

    python -m scripts.bench.trivial_server --port P

Used only to measure the load generator's own ceiling: if the generator drives this server much
faster than any real server in the run, the generator is not what limits those rows.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

BODY = b'{"name":"accounts/bench-account/deployments/bench-0","baseModel":"m","state":"READY"}'
RESPONSE = (
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
    + str(len(BODY)).encode()
    + b"\r\n\r\n"
    + BODY
)


class Handler(asyncio.Protocol):
    def __init__(self) -> None:
        self.buf = bytearray()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        buf = self.buf
        buf += data
        out = []
        while True:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                break
            head = bytes(buf[:end]).lower()
            length = 0
            i = head.find(b"\ncontent-length:")
            if i >= 0:
                j = head.find(b"\r", i)
                length = int(head[i + 16 : j if j >= 0 else None])
            if len(buf) < end + 4 + length:
                break
            del buf[: end + 4 + length]
            out.append(RESPONSE)
        if out:
            self.transport.write(b"".join(out))  # type: ignore[attr-defined]


async def serve(port: int) -> None:
    server = await asyncio.get_running_loop().create_server(Handler, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--cpu", type=int, default=None, help="run on this CPU only (the ceiling measurement)")
    a = p.parse_args(argv)
    if a.cpu is not None:
        os.sched_setaffinity(0, {a.cpu})
    try:
        asyncio.run(serve(a.port))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
