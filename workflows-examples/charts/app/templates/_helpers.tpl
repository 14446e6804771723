{{/* The name of every object: the release's, unless fullnameOverride says otherwise. */}}
{{- define "app.fullname" -}}
{{- .Values.fullnameOverride | default .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "app.labels" -}}
app.kubernetes.io/name: {{ include "app.fullname" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* One selector label only: Flagger rewrites it to <name>-primary for the primary Deployment. */}}
{{- define "app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "app.fullname" . }}
{{- end -}}

{{/* gatewayapi:v1 -> gatewayapi */}}
{{- define "app.providerFamily" -}}
{{- .Values.canary.provider | default "apisix" | splitList ":" | first -}}
{{- end -}}

{{- define "app.servicePort" -}}
{{- (.Values.canary.service | default dict).port | default .Values.service.port -}}
{{- end -}}

{{/* A port number, or the name of the container's port. */}}
{{- define "app.targetPort" -}}
{{- (.Values.canary.service | default dict).targetPort | default .Values.containerPort -}}
{{- end -}}

{{/* What routes traffic to the app: ApisixRoute, Ingress, or nothing. */}}
{{- define "app.routeKind" -}}
{{- $family := include "app.providerFamily" . -}}
{{- if and .Values.canary.enabled (eq $family "apisix") -}}
ApisixRoute
{{- else if and .Values.canary.enabled (or (eq $family "nginx") (eq $family "skipper")) -}}
Ingress
{{- else if and .Values.ingress.enabled (eq .Values.ingress.className "apisix") -}}
ApisixRoute
{{- else if .Values.ingress.enabled -}}
Ingress
{{- end -}}
{{- end -}}

{{- define "app.ingressClass" -}}
{{- $family := include "app.providerFamily" . -}}
{{- if and .Values.canary.enabled (or (eq $family "nginx") (eq $family "skipper")) -}}
{{ $family }}
{{- else -}}
{{ .Values.ingress.className }}
{{- end -}}
{{- end -}}
