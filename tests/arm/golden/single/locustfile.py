"""locustfile: the load test of the application (locust 2).

Written by djaz from the spec; change the spec, not this file.  Run it
as the spec says:

    locust -f locustfile.py --users 100 --spawn-rate 1
"""
from locust import HttpUser, between, task


class WebsiteUser(HttpUser):
    host = "https://solo-web.azurewebsites.net"
    wait_time = between(1, 5)

    @task
    def path_1(self):
        self.client.get("/")
