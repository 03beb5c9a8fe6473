import os


def worker_pid(get_response):
    """Tag each response with the worker process that produced it (benchmark only)."""
    pid = str(os.getpid())

    def middleware(request):
        response = get_response(request)
        response["X-Worker-Pid"] = pid
        return response

    return middleware
