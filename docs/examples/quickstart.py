import iameval

policies = iameval.Policies(
    identity_policies=[iameval.managed_policy("ReadOnlyAccess")],
    scps=[[{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}]])
user = "arn:aws:iam::111122223333:user/alice"
policies.decide(user, "s3:GetObject", "arn:aws:s3:::bkt/key")            # 'Allow'
print(policies.explain(user, "s3:PutObject", "arn:aws:s3:::bkt/key").explain())  # ImplicitDeny, why
policies.decide_batch(user, ["s3:GetObject", "iam:CreateUser"])          # ['Allow', 'ImplicitDeny']
iameval.audit("policies/identity/example-account-authorization-details.json").to_pandas()
iameval.effective_permissions(user, [iameval.managed_policy("PowerUserAccess")]).to_pandas()

iameval.expand("s3:GetObjectT*")      # ['s3:GetObjectTagging', 's3:GetObjectTorrent']
a = iameval.action("s3:getobject")    # Action(service='s3', name='GetObject', access_level='Read', ...)
doc = iameval.managed_policy("ReadOnlyAccess")   # the policy document as a dict

for d in iameval.validate({"Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt",
                                          "Resource": "*"}]}):
    print(d)   # 5:17: warning: `s3:GetObjekt` matches no action in the catalog [unknown_action] at /Statement/0/Action

try:
    iameval.parse_policy('{"Statement": {"Effect": "Alow", "Action": "*", "Resource": "*"}}')
except iameval.PolicyParseError as e:    # also a ValueError
    print(e.path, e.line, e.column)      # /Statement/Effect 1 26
