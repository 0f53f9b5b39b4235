/// The Python side of exercising what a snippet defines beyond its own run: a FastAPI
/// or Flask `app` is called in-process through the framework's test client (every GET
/// route without required parameters), and `test_…` functions are called the way
/// pytest would call them. Loaded next to `PythonGlue`; every function returns data.
enum AppGlue {
    static let moduleName = "_verify_apps"

    static let source = #"""


def _line(function, path):
    code = getattr(function, '__code__', None)
    if code is not None and code.co_filename == path:
        return code.co_firstlineno
    return None


def _fastapi_routes(app, path):
    from fastapi.routing import APIRoute
    from fastapi.testclient import TestClient
    client = TestClient(app, raise_server_exceptions=False)
    checks = []
    for route in app.routes:
        if not isinstance(route, APIRoute) or 'GET' not in route.methods:
            continue
        dependant = route.dependant
        required = [p.name for p in dependant.path_params] + [
            p.name for p in dependant.query_params if p.field_info.is_required()]
        line = _line(route.endpoint, path)
        if line is not None:
            checks.append(_call(client, route.path, required, line))
    return checks


def _flask_routes(app, path):
    app.testing = True
    client = app.test_client()
    checks = []
    for rule in app.url_map.iter_rules():
        if 'GET' not in rule.methods or rule.endpoint == 'static':
            continue
        line = _line(app.view_functions.get(rule.endpoint), path)
        if line is not None:
            checks.append(_call(client, rule.rule, sorted(rule.arguments), line))
    return checks


def _call(client, route, required, line):
    check = {'method': 'GET', 'path': route, 'line': line}
    if required:
        check['skipped'] = 'needs parameters: ' + ', '.join(required)
        return check
    try:
        response = client.get(route)
    except Exception as error:
        if type(error).__name__ == 'TemplateNotFound':
            check['skipped'] = 'needs-file: templates/%s' % error
        else:
            check['error'] = '%s: %s' % (type(error).__name__, error)
        return check
    check['status'] = response.status_code
    body = response.get_data(as_text=True) if hasattr(response, 'get_data') else response.text
    check['body'] = body[:2000]
    return check


def routes(namespace, path):
    """GET routes of an `app` the snippet defines, each called once."""
    app = namespace.get('app')
    if app is None:
        return []
    module = type(app).__module__.split('.')[0]
    try:
        if module in ('fastapi', 'starlette'):
            return _fastapi_routes(app, path)
        if module == 'flask':
            return _flask_routes(app, path)
    except ImportError as error:
        return [{'method': 'GET', 'path': '*', 'line': None, 'skipped': 'missing-dependency: %s' % error.name}]
    return []


def tests(namespace, path):
    """Calls the snippet's own test_ functions that take no arguments."""
    import inspect, traceback
    results = []
    for name, function in list(namespace.items()):
        if not name.startswith('test_') or not inspect.isfunction(function):
            continue
        line = _line(function, path)
        if line is None:
            continue
        if any(p.default is p.empty for p in inspect.signature(function).parameters.values()):
            results.append({'name': name, 'line': line, 'skipped': 'takes fixtures'})
            continue
        try:
            function()
            results.append({'name': name, 'line': line, 'passed': True})
        except BaseException as error:
            frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == path]
            failing = frames[-1] if frames else None
            results.append({'name': name, 'line': line, 'passed': False,
                            'failure': '%s: %s' % (type(error).__name__, error) if str(error) else type(error).__name__,
                            'failingLine': failing.lineno if failing else None,
                            'failingSource': failing.line if failing else None})
    return results
"""#
}
