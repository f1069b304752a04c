// Big screen: listens to the server-sent "board" events and redraws both rankings.
// EventSource reconnects by itself if the connection drops (projector laptops sleep, Wi-Fi blips).
(function () {
  var screen = document.getElementById('screen');
  if (!screen) return;
  var status = document.getElementById('screen-status');
  var previous = {};

  function row(rank, name, sub, score, key) {
    var li = document.createElement('li');
    var r = document.createElement('span'); r.className = 'rank'; r.textContent = rank;
    var who = document.createElement('span'); who.className = 'who'; who.textContent = name;
    var small = document.createElement('small'); small.textContent = sub; who.appendChild(small);
    var s = document.createElement('span'); s.className = 'score'; s.textContent = score;
    li.appendChild(r); li.appendChild(who); li.appendChild(s);
    if (previous[key] !== undefined && previous[key] !== score) li.className = 'changed';
    previous[key] = score;
    return li;
  }

  function fill(list, items) {
    var ol = document.getElementById(list);
    ol.replaceChildren.apply(ol, items.length ? items : [Object.assign(document.createElement('li'), { className: 'waiting', textContent: '等待作答……' })]);
  }

  var source = new EventSource(screen.getAttribute('data-stream'));
  source.addEventListener('open', function () { status.className = 'dot live'; });
  source.addEventListener('error', function () { status.className = 'dot'; });
  source.addEventListener('board', function (e) {
    var data = JSON.parse(e.data);
    fill('persons', data.persons.map(function (p) {
      return row(p.rank, p.name, p.organization + ' · 答对 ' + p.correctCount + ' 题', p.score, 'p' + p.name + p.organization);
    }));
    fill('branches', data.branches.map(function (b, i) {
      return row(i + 1, b.name, '参赛 ' + b.participants + ' / ' + b.members + ' 人', b.totalScore, 'b' + b.name);
    }));
    screen.setAttribute('data-updates', String(Number(screen.getAttribute('data-updates')) + 1));
  });
})();
