"""The moderators' e-mail leaves the reader's request: a dead mail server costs the
reader nothing, and the mail goes out, later, from the worker."""

import email
import email.policy
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from comments import moderation
from comments.models import Comment
from tests.factories import make_user

from .helpers import send

# Committed for real: the worker claims tasks in transactions of its own.
pytestmark = pytest.mark.django_db(transaction=True)


class SilentServer:
    """A mail server that accepts connections and never says a word (no 220 greeting)."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                self.connections.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self):
        try:  # wakes the thread blocked in accept(), which close() alone does not
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        self.thread.join(timeout=5)
        for connection in self.connections:
            connection.close()


class Inbox:
    """aiosmtpd's handler: keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def mail_server(settings):
    """The SMTP settings pointed at a server that hangs; `.restart()` puts a real one there."""
    silent = SilentServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    settings.EMAIL_RETRY_DELAY_SECONDS = 1
    controllers = []

    def restart():
        silent.close()
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=silent.port)
        controller.start()
        controllers.append(controller)
        return inbox

    silent.restart = restart
    yield silent
    silent.close()
    for controller in controllers:
        controller.stop()


def tasks(status):
    return DBTaskResult.objects.filter(status=status)


def test_a_hung_mail_server_does_not_hold_up_the_post_and_the_mail_goes_out_when_it_is_back(
    client, article, mail_server, task_queue, caplog
):
    make_user(is_superuser=True, is_staff=True, email="kiemduyet@example.vn")

    started = time.monotonic()
    response = send(client, article)
    elapsed = time.monotonic() - started

    assert response.status_code == 303
    assert elapsed < 1.0, f"the post took {elapsed:.1f} s"
    comment = Comment.objects.get()
    assert mail_server.connections == []  # the request never spoke to the mail server
    assert tasks(TaskResultStatus.READY).count() == 1

    # The worker tries, waits EMAIL_TIMEOUT for a greeting, logs and books a retry.
    task_queue()
    assert len(mail_server.connections) == 1
    assert tasks(TaskResultStatus.FAILED).count() == 1
    assert "trying again in 1 s" in caplog.text
    retry = tasks(TaskResultStatus.READY).exclude(task_path__startswith="newsroom.").get()
    assert retry.args_kwargs["args"] == [comment.pk, 2]

    inbox = mail_server.restart()
    time.sleep(1.1)  # the retry's delay
    task_queue()

    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message.rcpt_tos == ["kiemduyet@example.vn"]
    mail = email.message_from_bytes(message.original_content, policy=email.policy.default)
    assert article.title in mail["Subject"]
    assert comment.body in mail.get_content()
    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_a_mail_server_down_for_good_is_given_up_after_a_few_tries_and_the_comment_stays(
    client, article, mail_server, task_queue, settings, caplog
):
    make_user(is_superuser=True, is_staff=True, email="kiemduyet@example.vn")
    settings.EMAIL_SEND_ATTEMPTS = 3
    settings.EMAIL_RETRY_DELAY_SECONDS = 0
    mail_server.close()  # now nothing listens: connections are refused at once

    send(client, article)
    task_queue()

    attempts = DBTaskResult.objects.exclude(task_path__startswith="newsroom.")
    assert [t.status for t in attempts.order_by("enqueued_at")] == [TaskResultStatus.FAILED] * 3
    assert "Gave up e-mailing the moderators" in caplog.text
    assert "after 3 attempts" in caplog.text
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_no_mail_for_a_comment_moderated_before_the_worker_got_to_it(
    client, article, task_queue, mailoutbox
):
    moderator = make_user(is_superuser=True, is_staff=True, email="kiemduyet@example.vn")
    send(client, article)
    moderation.approve(Comment.objects.get(), moderator)

    task_queue()

    assert mailoutbox == []
    notification = DBTaskResult.objects.get(task_path="comments.tasks.notify_moderators")
    assert notification.status == TaskResultStatus.SUCCESSFUL
