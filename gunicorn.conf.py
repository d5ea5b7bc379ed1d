"""gunicorn settings for the archive: `gunicorn -c gunicorn.conf.py` (as `make serve` does).

Everything a deployment changes comes from the environment; docs/PERFORMANCE.md
shows a load-balanced set-up.
"""

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise SystemExit(f"{name}={value!r} must be a whole number")
    return int(value)


def _cores() -> int:
    # The CPUs this process may use, which a container may limit below the machine's count.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


wsgi_app = "archive.wsgi:application"

# GUNICORN_BIND ("0.0.0.0:8000", "unix:/run/archive.sock") or HOST and PORT.
# Behind a load balancer, listen on an interface it can reach, e.g. HOST=0.0.0.0.
bind = os.environ.get("GUNICORN_BIND") or (
    f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)

# gunicorn's rule of thumb, 2 x cores + 1, capped: every worker keeps its own
# database connection (per alias), and the primary's max_connections is shared by all machines.
workers = _int("WEB_CONCURRENCY", min(2 * _cores() + 1, 9))

# sync: a page is a few short database queries and some rendering, bound by CPU
# and the database, so one request per process is simplest and fastest; there is
# no streaming or long polling to wait on. Sync workers need a buffering proxy
# or load balancer in front to absorb slow clients, which this set-up has.
worker_class = "sync"

# Kill a worker stuck for this long; the slowest page answers in well under a second.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30

# Recycle each worker after about this many requests, staggered by the jitter so
# that they do not all restart at once; bounds any slow growth in memory. A recycled
# worker starts with an empty page cache (without CACHE_URL), so not too often: at 100k
# articles, every ~1,000 requests held the reading page to 223 req/s, every ~10,000
# gave 995 (docs/PERFORMANCE.md).
max_requests = _int("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = max_requests // 10

# Load the app once, in the master, and fork workers from it: a recycled worker then
# starts in milliseconds instead of importing Django again (about a second), which at
# several hundred kept pages a second is a restart every few seconds per worker. The
# app opens no database connection while loading (Django connects on first use).
preload_app = True

# Trust X-Forwarded-Proto (HTTPS detection) only from these addresses: the load
# balancer's. gunicorn reads FORWARDED_ALLOW_IPS itself; named here to be explicit.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log on stdout, with the client address the load balancer forwarded and the time in ms.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s %({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
errorlog = "-"

# The workers' heartbeat files on tmpfs, so a slow disk never looks like a hung worker.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
