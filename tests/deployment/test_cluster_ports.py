"""The local cluster (deploy/cluster.sh) listens on ports no outgoing connection can
hold: in the kernel's ephemeral range, a browser test's or a suite's client socket
once held the primary's port, and the cluster could not start."""

import re
from pathlib import Path

import pytest

CLUSTER = Path(__file__).resolve().parents[2] / "deploy" / "cluster.sh"
EPHEMERAL = Path("/proc/sys/net/ipv4/ip_local_port_range")


def default_ports() -> dict[str, list[int]]:
    """Each `NAME=${NAME:-port ...}` default the script sets."""
    found = re.findall(r"^(\w+_PORTS?)=\(?\$\{\w+:-([\d ]+)\}", CLUSTER.read_text(), re.M)
    return {name: [int(port) for port in ports.split()] for name, ports in found}


def test_every_server_of_the_cluster_has_a_default_port():
    assert set(default_ports()) == {
        "PRIMARY_PORT",
        "STANDBY_PORT",
        "PGBOUNCER_PORT",
        "REDIS_PORT",
        "APP_PORTS",
        "PROXY_PORT",
    }


@pytest.mark.skipif(not EPHEMERAL.exists(), reason="no Linux ephemeral port range here")
def test_no_default_port_is_one_the_kernel_gives_outgoing_connections():
    low, high = map(int, EPHEMERAL.read_text().split())
    taken = {
        name: port
        for name, ports in default_ports().items()
        for port in ports
        if low <= port <= high
    }
    assert taken == {}
