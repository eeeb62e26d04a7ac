"""An independent client of the SysMedic relay (Python websockets), used by the relay tests.

usage: relay_client.py URL SECRET bearer|subprotocol|query COUNT
Prints one line per message received ("TYPE role=ROLE subprotocol=SP"), up to COUNT, or "rejected STATUS".
"""
import asyncio
import json
import sys

import websockets


async def main() -> None:
    url, secret, mode, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    kwargs = {"max_size": None, "open_timeout": 10}
    if mode == "bearer":
        kwargs["extra_headers"] = {"Authorization": "Bearer " + secret}
    elif mode == "subprotocol":
        kwargs["subprotocols"] = ["sysmedic.v1", "token." + secret]
    elif mode == "query":
        url += "?token=" + secret
    try:
        async with websockets.connect(url, **kwargs) as ws:
            for _ in range(count):
                message = json.loads(await asyncio.wait_for(ws.recv(), 30))
                print(f"{message['type']} role={message.get('role')} subprotocol={ws.subprotocol}", flush=True)
    except websockets.InvalidStatusCode as e:
        print(f"rejected {e.status_code}", flush=True)


asyncio.run(main())
