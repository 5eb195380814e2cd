// The Web Chat page: fetches a Direct Line token from this server (never the secret), connects
// the official Web Chat to the bot's own /v3/directline and handles the larger-text switch.
// Every word the user sees is in the HTML (filled in by the server from the text catalogue).
(function () {
  'use strict';

  var LARGE_TEXT_KEY = 'onevisit.largeText';
  // The same person and the same conversation across reloads for WEBCHAT_RESUME_DAYS (the privacy
  // note says how long), so the history shows again and a half-filled application goes on;
  // "清除记录" forgets both on a shared computer.
  var USER_KEY = 'onevisit.user';
  var root = document.documentElement;
  var REMEMBER_MS = (Number(root.getAttribute('data-resume-days')) || 7) * 24 * 3600 * 1000;
  var chat = document.getElementById('webchat');
  var statusLine = document.getElementById('chat-status');
  var errorLine = document.getElementById('chat-error');
  var largeTextSwitch = document.getElementById('large-text');

  function readLargeText() {
    try {
      return window.localStorage.getItem(LARGE_TEXT_KEY) === '1';
    } catch (e) {
      return false;
    }
  }

  function saveLargeText(on) {
    try {
      window.localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
    } catch (e) {
      // Private windows may refuse storage: the switch still works for this visit.
    }
  }

  var largeText = readLargeText();

  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return 'web-' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  /** This browser's user id and its last conversation: kept REMEMBER_MS after the last visit, then new ones. */
  function remembered() {
    var kept = null;
    try {
      kept = JSON.parse(window.localStorage.getItem(USER_KEY) || 'null');
    } catch (e) {
      kept = null;
    }
    if (kept && typeof kept.id === 'string' && Date.now() - kept.seen < REMEMBER_MS) {
      return { id: kept.id, conversationId: typeof kept.conversationId === 'string' ? kept.conversationId : undefined };
    }
    return { id: randomId() };
  }

  function remember(id, conversationId) {
    try {
      window.localStorage.setItem(USER_KEY, JSON.stringify({ id: id, conversationId: conversationId, seen: Date.now() }));
    } catch (e) {
      // Storage refused (private window): this visit only.
    }
  }

  document.getElementById('clear-records').addEventListener('click', function () {
    try {
      window.localStorage.removeItem(USER_KEY);
    } catch (e) {
      // nothing kept to clear
    }
    window.location.reload();
  });

  // Web Chat never empties its upload input, and a browser fires no `change` for the file already
  // in it: the same photo picked again (asked again, or sent back by staff) went nowhere, silently.
  // Emptied once Web Chat has taken the files (it copies them while handling this very event).
  chat.addEventListener(
    'change',
    function (event) {
      var input = event.target;
      if (!input || input.type !== 'file') return;
      setTimeout(function () {
        input.value = '';
      }, 0);
    },
    true,
  );

  // On a phone the privacy note starts folded (one tap opens it), so the chat keeps the screen.
  var privacy = document.getElementById('privacy');
  if (privacy && window.matchMedia && window.matchMedia('(max-width: 600px)').matches) privacy.open = false;

  /** High contrast colours, large buttons; `large` makes every target bigger still. */
  function styleOptions(large) {
    return {
      accent: '#0b4f8a',
      subtle: '#4a4a4a',
      backgroundColor: '#ffffff',
      primaryFont: "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif",
      fontSizeSmall: large ? '100%' : '85%',
      paddingRegular: large ? 14 : 10,
      paddingWide: large ? 28 : 20,
      bubbleBackground: '#eef3f8',
      bubbleBorderColor: '#5c6f84',
      bubbleBorderRadius: 8,
      bubbleBorderWidth: 1,
      bubbleTextColor: '#1a1a1a',
      bubbleFromUserBackground: '#0b4f8a',
      bubbleFromUserBorderColor: '#0b4f8a',
      bubbleFromUserBorderRadius: 8,
      bubbleFromUserTextColor: '#ffffff',
      bubbleMaxWidth: 720,
      bubbleMinHeight: large ? 56 : 44,
      suggestedActionLayout: 'flow',
      suggestedActionHeight: large ? 68 : 52,
      suggestedActionBorderRadius: 10,
      suggestedActionBorderWidth: 2,
      suggestedActionBorderColor: '#0b4f8a',
      suggestedActionBackgroundColor: '#ffffff',
      suggestedActionTextColor: '#0b4f8a',
      suggestedActionBackgroundColorOnHover: '#dce8f4',
      suggestedActionBackgroundColorOnActive: '#c4d8ec',
      suggestedActionKeyboardFocusIndicatorBorderColor: '#000000',
      suggestedActionKeyboardFocusIndicatorBorderStyle: 'solid',
      suggestedActionKeyboardFocusIndicatorBorderWidth: 2,
      sendBoxHeight: large ? 72 : 56,
      sendBoxTextColor: '#1a1a1a',
      sendBoxPlaceholderColor: '#595959',
      sendBoxButtonColor: '#0b4f8a',
      sendBoxBorderTop: 'solid 2px #0b4f8a',
      sendBoxButtonKeyboardFocusIndicatorBorderColor: '#000000',
      // A picked photo goes at once: one step fewer for someone who finds the phone hard to use.
      sendAttachmentOn: 'attach',
      timestampColor: '#4a4a4a',
    };
  }

  var webChatProps;

  /**
   * A store whose buttons send once: Web Chat takes the buttons away only when the first tap's
   * message is posted, so the second tap of a double tap sent it again (a form submitted twice
   * over, every reply twice). Taps after the first are dropped until the bot sends new buttons.
   */
  function createStore() {
    var tapped = false;
    return window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload.activity;
          if (activity && activity.suggestedActions && (activity.suggestedActions.actions || []).length) tapped = false;
          if (action.type === 'WEB_CHAT/SEND_MESSAGE' && action.payload && action.payload.method === 'imBack') {
            if (tapped) return undefined;
            tapped = true;
          }
          return next(action);
        };
      };
    });
  }

  // A double tap on a button leaves Web Chat's send box read-only: it focuses the box "without keyboard" by
  // setting readonly and puts the old value back after a tick, and the second tap keeps readonly as that value.
  // After any tap, a readonly left on the box is taken off, so the person can still type.
  document.addEventListener('click', function (event) {
    if (!event.target.closest || !event.target.closest('.webchat__suggested-actions__button')) return;
    setTimeout(function () {
      var input = document.querySelector('.webchat__send-box-text-box__input');
      if (input && input.hasAttribute('readonly')) input.removeAttribute('readonly');
    }, 100);
  }, true);

  function render() {
    root.classList.toggle('large-text', largeText);
    largeTextSwitch.setAttribute('aria-pressed', largeText ? 'true' : 'false');
    if (webChatProps) {
      webChatProps.styleOptions = styleOptions(largeText);
      window.WebChat.renderWebChat(webChatProps, chat);
    }
  }

  largeTextSwitch.addEventListener('click', function () {
    largeText = !largeText;
    saveLargeText(largeText);
    render();
  });
  render();

  function fail(err) {
    statusLine.textContent = '';
    errorLine.hidden = false;
    if (window.console) console.error('OneVisit Web Chat:', err);
  }

  async function start() {
    if (!window.WebChat) throw new Error('Web Chat bundle not loaded');
    var kept = remembered();
    var user = kept.id;
    var res = await fetch('/api/webchat/token', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: user, conversationId: kept.conversationId }),
    });
    if (!res.ok) throw new Error('token endpoint answered ' + res.status);
    var issued = await res.json();
    remember(user, issued.conversationId);
    // Back in a kept conversation the client reconnects to it (GET conversations/{id}, then its
    // stream) from the transcript's start, so the history shows again; it keeps the watermark
    // from there on for its own reconnects, and refreshes the token as it runs.
    var directLine = window.WebChat.createDirectLine({
      token: issued.token,
      conversationId: issued.resumed ? issued.conversationId : undefined,
      domain: window.location.origin + '/v3/directline',
      webSocket: true,
    });
    watch(directLine);
    webChatProps = {
      directLine: directLine,
      userID: user,
      store: createStore(),
      locale: 'zh-CN',
      // Web Chat reads every incoming message as "机器人 说:", an agent's too, whatever its sender's name: no
      // such prefix, so an agent's reply is read from its sender ("工作人员王芳：…") and the bot's as it is.
      // (A space: Web Chat falls back to English for an empty string.)
      overrideLocalizedStrings: { ACTIVITY_BOT_SAID_ALT: ' ' },
      styleOptions: styleOptions(largeText),
    };
    window.WebChat.renderWebChat(webChatProps, chat);
    statusLine.textContent = '';
  }

  // A token the server refuses (its key or secret changed, or the page slept past the token's
  // life) leaves the client stuck: fetch a new one for the same conversation and start again.
  var EXPIRED_TOKEN = 3;
  var FAILED_TO_CONNECT = 4;
  var ONLINE = 2;
  var restarts = 0;
  function watch(directLine) {
    var done = false;
    directLine.connectionStatus$.subscribe(function (status) {
      if (status === ONLINE) restarts = 0;
      if (done || (status !== EXPIRED_TOKEN && status !== FAILED_TO_CONNECT)) return;
      done = true;
      directLine.end();
      statusLine.textContent = document.documentElement.dataset.reconnecting || '';
      var delay = Math.min(30000, 1000 * Math.pow(2, restarts++));
      setTimeout(function () {
        // What the person typed while the token was refused never reached the bot: sent again once connected.
        var unsent = webChatProps.store
          .getState()
          .activities.filter(function (a) {
            return a.type === 'message' && a.text && a.from && a.from.role === 'user' && (a.channelData || {})['webchat:send-status'] === 'send failed';
          })
          .map(function (a) {
            return a.text;
          });
        start()
          .then(function () {
            resend(unsent);
          })
          .catch(fail);
      }, delay);
    });
  }

  function resend(texts) {
    if (!texts.length) return;
    var props = webChatProps;
    var subscription = props.directLine.connectionStatus$.subscribe(function (status) {
      if (status !== ONLINE || !subscription) return;
      subscription.unsubscribe();
      subscription = undefined;
      // Posted on the connection itself, in order; the transcript shows each as it comes back.
      texts.reduce(function (previous, text) {
        return previous.then(function () {
          return new Promise(function (resolve) {
            props.directLine
              .postActivity({ type: 'message', text: text, from: { id: props.userID, role: 'user' }, locale: 'zh-CN' })
              .subscribe({ next: resolve, error: resolve });
          });
        });
      }, Promise.resolve());
    });
  }

  start().catch(fail);
})();
