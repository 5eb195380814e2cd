// 一次办 · 12345 坐席工作台（无框架，无外部资源）。
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const DEBOUNCE_MS = 300;
  // As many earlier questions of a call as the server reads (GET /api/agent/suggest: as far back as the chat
  // recalls a topic, so a chain of follow-ups keeps its first question).
  const MAX_CALL_QUESTIONS = 6;

  let agentName = '';
  let agentRole = 'agent';

  // ---------------------------------------------------------------------------------------
  // Helpers

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'className') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function say(node, message, kind) {
    node.textContent = message;
    node.classList.remove('ok', 'error');
    if (kind) node.classList.add(kind);
  }

  const time = (iso) =>
    new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

  /** One step of a case's timeline, in the words the server gives (the catalogue's). */
  const timelineItem = (e) => el('li', {}, `${time(e.at)} ${e.actionName}（${e.by}）${e.note ? `：${e.note}` : ''}`);

  /** Calls an agent API; a lost login sends the agent back to the login form. */
  async function api(method, path, body, signal) {
    const init = { method, credentials: 'same-origin', headers: {}, signal };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, init);
    } catch (err) {
      if (err && err.name === 'AbortError') throw err;
      return { ok: false, status: 0, data: { error: '连不上服务器，请检查网络后重试' } };
    }
    let data = {};
    try {
      data = await res.json();
    } catch {
      data = {};
    }
    if (res.status === 401 && path !== '/api/agent/login' && path !== '/api/agent/session') {
      showLogin('登录已过期，请重新登录');
    }
    return { ok: res.ok, status: res.status, data };
  }

  const errorOf = (r) => (r.data && r.data.error) || `出错了（${r.status}），请稍后重试`;

  // ---------------------------------------------------------------------------------------
  // Login

  function showLogin(message) {
    stopDesk();
    agentName = '';
    $('console').hidden = true;
    $('who').hidden = true;
    $('login-section').hidden = false;
    say($('login-status'), message || '', message ? 'error' : undefined);
    $('login-agent').focus();
  }

  function showConsole(session) {
    agentName = session.displayName || session.agent || '';
    agentRole = session.role || 'agent';
    $('login-section').hidden = true;
    $('console').hidden = false;
    $('who').hidden = false;
    $('agent-name').textContent = agentName || '（未填写）';
    $('question').focus();
    loadFollowUps();
    startDesk();
  }

  async function checkSession() {
    const r = await api('GET', '/api/agent/session');
    if (r.ok && r.data.loggedIn) showConsole(r.data);
    else showLogin(r.ok ? '' : errorOf(r));
  }

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('login-agent').value.trim();
    const password = $('login-password').value;
    if (!name) return say($('login-status'), '请填写登录名（工号）', 'error'), $('login-agent').focus();
    if (!password) return say($('login-status'), '请填写密码', 'error'), $('login-password').focus();
    say($('login-status'), '正在登录…');
    const r = await api('POST', '/api/agent/login', { name, password });
    $('login-password').value = '';
    if (r.ok) showConsole(r.data);
    else {
      say($('login-status'), errorOf(r), 'error');
      $('login-password').focus();
    }
  });

  $('logout').addEventListener('click', async () => {
    await api('POST', '/api/agent/logout');
    showLogin('已退出登录');
  });

  // ---------------------------------------------------------------------------------------
  // Suggestions as the agent types

  let timer;
  let inFlight;
  // The call's earlier questions, oldest first: the next is read as their follow-up ("那网上办呢",
  // then "要多久"). Kept until the call is registered or the agent says not to.
  let callQuestions = [];
  let lastSuggested = '';
  // The last question as the server sent it back, its ID numbers and phones masked: what the
  // context line shows and what is sent again as context.
  let lastQuery = '';

  function setCallQuestions(list) {
    callQuestions = list.slice(-MAX_CALL_QUESTIONS);
    $('previous-question').textContent = callQuestions.join(' → ');
    $('previous').hidden = !callQuestions.length;
  }

  // Whether the box holds the caller's next question rather than the last one corrected: an edit
  // keeps most of the text at its start and end; typing over it (select all, then type) does not.
  function isNextQuestion(value, last) {
    if (!value) return true;
    let start = 0;
    while (start < value.length && start < last.length && value[start] === last[start]) start++;
    let end = 0;
    while (end < value.length - start && end < last.length - start && value[value.length - 1 - end] === last[last.length - 1 - end]) end++;
    return (start + end) * 2 < last.length;
  }

  $('question').addEventListener('input', () => {
    clearTimeout(timer);
    const value = $('question').value.trim();
    if (lastSuggested && isNextQuestion(value, lastSuggested)) {
      if (callQuestions.at(-1) !== lastQuery) setCallQuestions([...callQuestions, lastQuery]);
      lastSuggested = '';
    }
    timer = setTimeout(suggest, DEBOUNCE_MS);
  });

  // Another caller, whether or not the last call was recorded: nothing of it is their context.
  $('new-call').addEventListener('click', () => {
    clearTimeout(timer);
    setCallQuestions([]);
    [lastSuggested, lastQuery] = ['', ''];
    $('question').value = '';
    $('suggestions').replaceChildren();
    say($('suggest-status'), '新来电：前面的问题不再作为上下文。');
    $('question').focus();
  });

  $('forget-previous').addEventListener('click', () => {
    setCallQuestions([]);
    [lastSuggested, lastQuery] = ['', ''];
    $('question').focus();
    if ($('question').value.trim()) suggest();
  });

  /** The suggest query for a question with the questions before it (`context`, repeated oldest first). */
  function suggestUrl(q, before) {
    const context = before.filter((c) => c !== q).map((c) => `&context=${encodeURIComponent(c)}`).join('');
    return `/api/agent/suggest?q=${encodeURIComponent(q)}&top=3${context}`;
  }

  async function suggest() {
    const q = $('question').value.trim();
    if (inFlight) inFlight.abort();
    if (!q) {
      $('suggestions').replaceChildren();
      say($('suggest-status'), '');
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    let r;
    try {
      r = await api('GET', suggestUrl(q, callQuestions), undefined, controller.signal);
    } catch {
      return; // a newer question replaced this one
    }
    if (inFlight !== controller) return;
    inFlight = undefined;
    if (!r.ok) return say($('suggest-status'), errorOf(r), 'error');
    renderSuggestions(q, r.data);
  }

  function renderSuggestions(q, result) {
    const list = result.suggestions || [];
    if (list.length) [lastSuggested, lastQuery] = [q, result.query || q];
    $('suggestions').replaceChildren(...list.map((s, i) => suggestionItem(q, s, i, result)));
    if (!list.length) return say($('suggest-status'), '没有找到合适的答复，可以换个说法，或登记后转相关部门。');
    say($('suggest-status'), `找到 ${list.length} 条建议，最相关：${list[0].question}。${decided(result).status}`);
  }

  // A raw score reads low on a long question in someone's own words even when the entry is
  // right (18% for the right hospital): agents see what the bot itself would do instead, so the
  // label never says less (or more) than the caller meets in the chat.
  const SURENESS = {
    answer: { top: '把握大：助手会直接这样答', status: '' },
    likely: { top: '较可能：助手会先问“您是问…吧？”再这样答，请向来电人确认', status: '助手会先跟来电人确认是不是问这个，请确认后再用。' },
    clarify: { top: '助手会先问“您想问的是”，请向来电人确认', status: '助手也会先问来电人想问的是哪一个，请确认后再用。' },
    // The chat's choice of one: "您是想问下面这个吗？" with this candidate alone.
    clarifyOne: { top: '助手会先问“您是想问这个吗？”（只给这一条），请向来电人确认', status: '助手会先问来电人是不是问这一条，请确认后再用。' },
    decline: { top: '不归这里办：助手会这样说明去哪里问', status: '' },
    none: { top: '最相关，请核对', status: '把握不大，请核对后再用。' },
  };

  /** The label of the bot's decision: a choice of one is asked as one. */
  const decided = (result) => SURENESS[result.decision === 'clarify' && (result.options || []).length === 1 ? 'clarifyOne' : result.decision];

  function sureness(i, s, result) {
    // A choice's candidates are labelled as the chat offers them; the chat does not offer the rest.
    if (result.options) return result.options.includes(s.id) ? decided(result).top : '备选（助手不会列出）';
    // An answer or a referral is labelled on the entry the bot says (a run-on's first question need not rank first as a whole).
    const said = result.entryId === undefined || s.id === result.entryId;
    if (said && (i === 0 || result.entryId !== undefined)) return decided(result).top;
    return i === 0 ? SURENESS.none.top : '备选';
  }

  function suggestionItem(q, s, i, result) {
    const titleId = `suggestion-${i}-title`;
    const status = el('span', { className: 'status', role: 'status' });
    const feedbackButtons = [];
    const send = async (helpful, button) => {
      feedbackButtons.forEach((b) => (b.disabled = true));
      say(status, '正在记录…');
      const r = await api('POST', '/api/agent/feedback', { entryId: s.id, question: q, helpful });
      if (!r.ok) {
        feedbackButtons.forEach((b) => (b.disabled = false));
        return say(status, errorOf(r), 'error');
      }
      button.setAttribute('aria-pressed', 'true');
      if (helpful) {
        if (!$('call-question').value.trim()) $('call-question').value = q;
        $('call-answer').value = s.answer;
        say(status, '已记录“用了这个”，答复已填入来电登记', 'ok');
      } else {
        say(status, '已记录“不准确”，知识库管理员会复核', 'ok');
      }
    };
    const used = el('button', { type: 'button', 'aria-describedby': titleId, onclick: () => send(true, used) }, '用了这个');
    const wrong = el('button', { type: 'button', className: 'danger', 'aria-describedby': titleId, onclick: () => send(false, wrong) }, '不准确');
    feedbackButtons.push(used, wrong);
    const copy = el('button', { type: 'button', className: 'secondary', 'aria-describedby': titleId, onclick: () => copyText(s.answer, status) }, '复制答复');
    return el(
      'li',
      { className: 'suggestion', 'data-entry-id': s.id },
      el('h3', { id: titleId }, `${i + 1}. ${s.question}`),
      el('p', { className: 'meta' }, `${sureness(i, s, result)} · 出处：${s.source}`),
      el('p', { className: 'answer' }, s.answer),
      el('div', { className: 'actions' }, copy, used, wrong, status),
    );
  }

  async function copyText(value, status) {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard API (plain http on another host): select and copy the old way.
      const area = el('textarea', { 'aria-hidden': 'true', readonly: true });
      area.value = value;
      area.style.position = 'fixed';
      area.style.left = '-9999px';
      document.body.append(area);
      area.select();
      const done = document.execCommand && document.execCommand('copy');
      area.remove();
      if (!done) return say(status, '复制不了，请手动选中答复复制', 'error');
    }
    say(status, '已复制答复', 'ok');
  }

  // ---------------------------------------------------------------------------------------
  // Case lookup: masked first, the full record after a reason is given (audited)

  $('case-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const caseNo = $('case-no').value.trim().toUpperCase();
    if (!caseNo) return say($('case-status'), '请填写办件编号', 'error'), $('case-no').focus();
    say($('case-status'), '正在查询…');
    $('case-result').replaceChildren();
    const r = await api('GET', `/api/agent/cases/${encodeURIComponent(caseNo)}`);
    if (!r.ok) return say($('case-status'), errorOf(r), 'error');
    say($('case-status'), `已找到 ${r.data.case.caseNo}（个人信息已部分隐藏）`);
    renderCase(r.data.case);
  });

  function facts(pairs) {
    return el('dl', { className: 'facts' }, ...pairs.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  }

  function renderCase(c) {
    const who = c.submittedBy.role === 'self' ? '本人申请' : `代办（${c.submittedBy.relation || '家属'}）`;
    const person = facts([
      ['申请人', c.applicant.name],
      ['身份证号', c.applicant.idNumber],
      ['联系电话', c.applicant.phone],
    ]);
    const revealButton = el('button', { type: 'button', className: 'secondary', 'aria-expanded': 'false', 'aria-controls': 'reveal-form' }, '显示完整信息');
    const reason = el('input', { id: 'reveal-reason', maxlength: 200, required: true, 'aria-describedby': 'reveal-hint' });
    const revealStatus = el('p', { className: 'status', role: 'status' });
    const timeline = el(
      'ol',
      { className: 'timeline' },
      ...c.timeline.map(timelineItem),
    );
    const form = el(
      'form',
      { id: 'reveal-form', className: 'reveal-form', hidden: true, novalidate: true },
      el(
        'div',
        { className: 'field' },
        el('label', { for: 'reveal-reason' }, '查看原因'),
        reason,
        el('p', { id: 'reveal-hint', className: 'hint' }, '如“来电人本人核对身份”。每次查看完整信息都会记入案件日志。'),
      ),
      el('div', { className: 'actions' }, el('button', { type: 'submit' }, '确认显示'), el('button', { type: 'button', className: 'secondary', onclick: () => closeReveal() }, '取消')),
    );
    const closeReveal = () => {
      form.hidden = true;
      revealButton.setAttribute('aria-expanded', 'false');
      revealButton.focus();
    };
    revealButton.addEventListener('click', () => {
      form.hidden = false;
      revealButton.setAttribute('aria-expanded', 'true');
      reason.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (reason.value.trim().length < 2) return say(revealStatus, '请写明查看原因（至少 2 个字）', 'error'), reason.focus();
      say(revealStatus, '正在获取…');
      const r = await api('POST', `/api/agent/cases/${encodeURIComponent(c.caseNo)}/reveal`, { reason: reason.value.trim() });
      if (!r.ok) return say(revealStatus, errorOf(r), 'error');
      const a = r.data.applicant;
      const full = [
        ['申请人', a.name],
        ['身份证号', a.idNumber],
        ['出生日期', a.birthDate],
        ['联系电话', a.phone],
        ['户籍', a.hukou],
      ];
      if (a.address) full.push(['住址', a.address]);
      if (r.data.mailTo) full.push(['邮寄地址', r.data.mailTo]);
      if (r.data.guardian) full.push(['监护人', `${r.data.guardian.name}（${r.data.guardian.relation}），身份证号 ${r.data.guardian.idNumber}`]);
      person.replaceWith(facts(full));
      form.remove();
      revealButton.remove();
      timeline.append(timelineItem(r.data.entry));
      say(revealStatus, '已显示完整信息，本次查看已记入案件日志', 'ok');
      revealStatus.focus();
    });
    revealStatus.tabIndex = -1;

    $('case-result').replaceChildren(
      el('h3', {}, `${c.caseNo} · ${c.statusName}`),
      person,
      revealButton,
      form,
      revealStatus,
      facts([
        ['提交方式', `${who} · ${c.channel === 'window' ? '窗口' : '网上'}`],
        ['提交时间', time(c.createdAt)],
        ...(c.appointment ? [['评定预约', c.appointment.words]] : []),
        ...(c.returned ? [['退回原因', c.returned.reason]] : []),
        ...(c.deliveryName ? [['领证方式', c.deliveryName]] : []),
        ...(c.contactName ? [['联系方式', c.contactName]] : []),
        ...(c.dibaoName ? [['低保情况', c.dibaoName]] : []),
        ...(c.noticeEndsOn ? [['公示截止', c.noticeEndsOn]] : []),
        ['下一步', c.next],
      ]),
      el('h3', {}, '各事项'),
      el('ul', {}, ...c.items.map((i) => el('li', {}, `${i.name}（${i.department}）：${i.statusName}${i.reason ? `，${i.reason}` : ''}`))),
      el('h3', {}, '办理记录'),
      timeline,
    );
  }

  // ---------------------------------------------------------------------------------------
  // Call records and follow-ups

  $('call-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const status = $('call-status');
    const body = {
      callerPhone: $('call-phone').value.trim(),
      category: $('call-category').value,
      question: $('call-question').value.trim(),
      answer: $('call-answer').value.trim(),
      followUpNeeded: $('call-followup').checked,
    };
    const missing = [
      ['call-phone', '来电号码'],
      ['call-question', '问题'],
      ['call-answer', '答复'],
    ].find(([id]) => !$(id).value.trim());
    if (missing) {
      say(status, `请填写${missing[1]}`, 'error');
      return $(missing[0]).focus();
    }
    say(status, '正在保存…');
    const r = await api('POST', '/api/agent/calls', body);
    if (!r.ok) return say(status, errorOf(r), 'error');
    say(status, `已保存来电记录 ${r.data.call.id}${r.data.call.followUpNeeded ? '，已加入待回访' : ''}`, 'ok');
    $('call-form').reset();
    // The call is recorded: the next caller's questions start afresh.
    setCallQuestions([]);
    [lastSuggested, lastQuery] = ['', ''];
    if (r.data.call.followUpNeeded) loadFollowUps();
  });

  $('refresh-calls').addEventListener('click', () => loadFollowUps(true));

  async function loadFollowUps(announce) {
    const r = await api('GET', '/api/agent/calls?followUp=pending');
    if (!r.ok) return say($('followup-status'), errorOf(r), 'error');
    const calls = r.data.calls;
    // New ones are added and finished ones go; an item being worked on (its number shown) stays as it is.
    const shown = new Map([...$('followups').children].map((li) => [li.dataset.callId, li]));
    const wanted = new Set(calls.map((c) => c.id));
    for (const [id, li] of shown) if (!wanted.has(id)) li.remove();
    $('followups').append(...calls.filter((c) => !shown.has(c.id)).map(followUpItem));
    const message = calls.length ? `共 ${calls.length} 个来电等待回访` : '没有等待回访的来电';
    if (announce || !$('followup-status').textContent) say($('followup-status'), message);
    else $('followup-status').textContent = message;
  }

  function followUpItem(call) {
    const titleId = `call-${call.id}-title`;
    const phone = el('span', {}, call.callerPhone);
    const status = el('span', { className: 'status', role: 'status' });
    const showPhone = el('button', { type: 'button', className: 'secondary', 'aria-describedby': titleId }, '显示号码');
    showPhone.addEventListener('click', async () => {
      const r = await api('GET', `/api/agent/calls/${encodeURIComponent(call.id)}`);
      if (!r.ok) return say(status, errorOf(r), 'error');
      phone.textContent = r.data.call.callerPhone;
      showPhone.remove();
      say(status, `号码：${r.data.call.callerPhone}`);
    });
    const done = el('button', { type: 'button', 'aria-describedby': titleId }, '已回访');
    const item = el(
      'li',
      { className: 'followup', 'data-call-id': call.id },
      el('h3', { id: titleId }, `${call.id} · ${call.category} · ${time(call.at)}`),
      el('p', {}, '来电号码：', phone, ` · 坐席 ${call.agent}`),
      el('p', {}, `问题：${call.question}`),
      el('p', {}, `答复：${call.answer}`),
      call.dueBy ? el('p', {}, `请在 ${call.dueBy} 前回访`) : null,
      el('div', { className: 'actions' }, showPhone, done, status),
    );
    done.addEventListener('click', async () => {
      done.disabled = true;
      const r = await api('POST', `/api/agent/calls/${encodeURIComponent(call.id)}/done`, {});
      if (!r.ok) {
        done.disabled = false;
        return say(status, errorOf(r), 'error');
      }
      item.remove();
      const left = $('followups').children.length;
      say($('followup-status'), `已标记 ${call.id} 回访完成。${left ? `还有 ${left} 个来电等待回访` : '没有等待回访的来电了'}`, 'ok');
      $('followup-title').focus();
    });
    return item;
  }

  // ---------------------------------------------------------------------------------------
  // 在线转人工: the queue live (server-sent events), the conversation, its suggestions

  const REASONS = { asked: '本人要求', stuck: '办理不顺利', agent: '同事转回' };
  const WHO = { person: '对方', agent: '坐席', bot: '助手' };
  let events;
  let current; // the conversation shown (an id among mine)
  let shown = { id: '', last: '' };
  let suggestedFor = '';

  const minutes = (seconds) => (seconds < 60 ? `${seconds} 秒` : `${Math.floor(seconds / 60)} 分钟`);
  // A queued person's wait keeps counting between frames (frames come only when something changes).
  const waiting = (seconds) => el('span', { className: 'waited', 'data-since': String(Date.now() - seconds * 1000) }, minutes(seconds));
  setInterval(() => {
    for (const span of document.querySelectorAll('.waited')) span.textContent = minutes(Math.max(0, Math.round((Date.now() - Number(span.dataset.since)) / 1000)));
  }, 10_000);

  function startDesk() {
    stopDesk();
    events = new EventSource('/api/agent/handoffs/events');
    events.addEventListener('desk', (e) => renderDesk(JSON.parse(e.data)));
    const lost = '与服务器的实时连接断开了，正在重连…';
    events.addEventListener('error', () => say($('desk-status'), lost, 'error'));
    events.addEventListener('open', () => $('desk-status').textContent === lost && say($('desk-status'), '已重新连上', 'ok'));
  }

  function stopDesk() {
    if (events) events.close();
    events = undefined;
  }

  // The 回访 list grows from the chat too (a call-back left, a poor rating): kept current while the console is open.
  setInterval(() => {
    if (!$('console').hidden) loadFollowUps();
  }, 30_000);

  // Outside the desk's hours people asking for a person are told nobody is there (and leave a number): the console says the same.
  const onDutyWords = (frame) =>
    frame.desk.inHours ? `在线坐席 ${frame.onDuty.length} 人` : `现在不是人工服务时间（${frame.desk.hours}），对方会被告知没有坐席在线、可留电话等回电`;

  function renderDesk(frame) {
    // Counts change with every frame: kept apart from the status line, so an action's outcome stays readable and is announced once.
    $('desk-counts').textContent = `排队 ${frame.queue.length} 人；您正在接待 ${frame.mine.length} 人；${onDutyWords(frame)}`;
    $('queue-empty').hidden = frame.queue.length > 0;
    $('queue').replaceChildren(
      ...frame.queue.map((h, i) => {
        const take = el('button', { type: 'button' }, `接入 ${h.id}`);
        take.addEventListener('click', () => takeHandoff(h.id, take));
        return el(
          'li',
          { 'data-handoff-id': h.id },
          el('div', {}, el('strong', {}, `第 ${i + 1} 位`), ` · ${REASONS[h.reason] || h.reasonName} · 已等 `, waiting(h.waitedSeconds)),
          h.caseNo ? el('div', {}, `办件 ${h.caseNo}`) : null,
          h.typedOnlyNote ? el('div', { className: 'typed-only' }, h.typedOnlyNote) : null,
          h.lastPersonText ? el('div', { className: 'hint' }, `最近一句：${h.lastPersonText}`) : null,
          take,
        );
      }),
    );
    const mine = frame.mine;
    if (!mine.some((h) => h.id === current)) current = mine.length ? mine[0].id : undefined;
    const chat = mine.find((h) => h.id === current);
    $('chat').hidden = !chat;
    if (chat) renderChat(chat);
    if (frame.role === 'supervisor') renderSupervisor(frame);
  }

  function renderChat(h) {
    $('chat-title').textContent = `正在接待 ${h.id}`;
    $('chat-facts').textContent = `${REASONS[h.reason] || h.reasonName}${h.caseNo ? ` · 办件 ${h.caseNo}` : ''} · 渠道 ${h.channel}${h.typedOnlyNote ? ` · ${h.typedOnlyNote}` : ''}${h.quietToldAt ? ' · 已提示对方您暂时没有回复' : ''}`;
    const keyOf = (m) => `${m.at}|${m.from}|${m.text}`;
    let from = 0;
    if (shown.id === h.id) {
      // Only messages after the last one shown are added, so a screen reader reads each once.
      const last = h.messages.map(keyOf).lastIndexOf(shown.last);
      from = last + 1;
      if (last < 0) $('transcript').replaceChildren();
    } else {
      $('transcript').replaceChildren();
    }
    for (const m of h.messages.slice(from)) {
      $('transcript').append(el('li', { className: `who-${m.from}` }, `${time(m.at)} ${WHO[m.from]}：${m.text}`));
    }
    shown = { id: h.id, last: h.messages.length ? keyOf(h.messages[h.messages.length - 1]) : '' };
    $('transcript-log').scrollTop = $('transcript-log').scrollHeight;
    // Suggestions answer the person's latest question; "转人工" alone asks the knowledge base nothing.
    if (h.questionText && h.questionText !== suggestedFor) {
      // What the person said before it is the context: "那三级的呢" after "护理补贴谁能领".
      const said = h.messages.filter((m) => m.from === 'person').map((m) => m.text);
      liveSuggest(h.questionText, said.slice(0, said.lastIndexOf(h.questionText)).slice(-MAX_CALL_QUESTIONS));
    }
  }

  async function liveSuggest(q, before) {
    suggestedFor = q;
    $('live-suggest-for').textContent = `“${q}”`;
    const r = await api('GET', suggestUrl(q, before));
    if (!r.ok || suggestedFor !== q) return;
    $('live-suggestions').replaceChildren(
      ...r.data.suggestions.map((sug, i) => {
        const use = el('button', { type: 'button', className: 'secondary' }, '用这条');
        use.addEventListener('click', () => {
          $('reply-text').value = sug.answer;
          $('reply-text').focus();
          // The helpfulness of a suggestion used in a live chat counts like one used on the phone.
          api('POST', '/api/agent/feedback', { entryId: sug.id, question: q, helpful: true });
        });
        return el('li', { 'data-entry-id': sug.id }, el('strong', {}, sug.question), el('p', {}, sug.answer), el('p', { className: 'hint' }, `${sureness(i, sug, r.data)} · 出处：${sug.source}`), use);
      }),
    );
  }

  async function takeHandoff(id, button) {
    button.disabled = true;
    const r = await api('POST', `/api/agent/handoffs/${id}/take`);
    if (!r.ok) {
      button.disabled = false;
      return say($('desk-status'), errorOf(r), 'error');
    }
    current = id;
    renderChat(r.data.handoff);
    $('chat').hidden = false;
    $('reply-text').focus();
  }

  $('reply-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = $('reply-text').value.trim();
    if (!current) return;
    if (!body) return say($('reply-status'), '请先写回复内容', 'error'), $('reply-text').focus();
    const r = await api('POST', `/api/agent/handoffs/${current}/reply`, { text: body });
    if (!r.ok) return say($('reply-status'), errorOf(r), 'error');
    $('reply-text').value = '';
    say($('reply-status'), '已发送', 'ok');
    renderChat(r.data.handoff);
  });

  async function finish(path, body, done) {
    if (!current) return;
    const r = await api('POST', `/api/agent/handoffs/${current}/${path}`, body);
    if (!r.ok) return say($('reply-status'), errorOf(r), 'error');
    current = undefined;
    $('chat').hidden = true;
    say($('desk-status'), done, 'ok');
    $('handoff-title').focus();
  }

  $('hand-back').addEventListener('click', () => finish('end', { handBack: true }, '已交还机器人，对方已收到通知'));
  $('end-chat').addEventListener('click', () => finish('end', {}, '对话已结束，对方已收到通知'));
  $('requeue').addEventListener('click', () => finish('requeue', {}, '已转回排队，其他同事可以接入'));
  $('handoff-title').tabIndex = -1;

  const per = (counts) => Object.entries(counts).map(([k, c]) => `${k} ${c.count} 条、平均 ${c.average} 分`).join('；') || '—';

  function ratingWords(r) {
    if (!r.total) return '今天还没有评价';
    return `${r.total} 条（不满意及以下 ${r.poor} 条）。按坐席：${per(r.byAgent)}。按渠道：${per(r.byChannel)}。按环节：${per(r.byStage)}`;
  }

  function renderSupervisor(frame) {
    $('supervisor-section').hidden = false;
    const t = frame.today;
    $('today').replaceChildren(
      ...[
        ['今天转人工', `${t.handedOff} 次`],
        ['已接入', `${t.answered} 次`],
        ['约回电', `${t.calledBack} 次`],
        ['排队中离开', `${t.left} 次`],
        ['平均等待', t.averageWaitSeconds === null ? '—' : minutes(t.averageWaitSeconds)],
        ['好差评', ratingWords(frame.ratings)],
      ].flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
    );
    $('active').replaceChildren(...frame.active.map((h) => el('li', {}, `${h.agent} 正在接待 ${h.id}（${REASONS[h.reason] || h.reasonName}，排队等了 ${minutes(h.waitedSeconds)}）`)));
    if (!frame.active.length) $('active').append(el('li', {}, '现在没有人在接待。'));
    $('on-duty').replaceChildren(`${frame.desk.inHours ? `在线坐席：${frame.onDuty.join('、') || '无'}` : onDutyWords(frame)}；排队 ${frame.queue.length} 人，最长已等 `, frame.queue.length ? waiting(frame.queue[0].waitedSeconds) : '—');
  }

  $('followup-title').tabIndex = -1;
  checkSession();
})();
